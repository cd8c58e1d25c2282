/* sources.h: the registry of known publishers (DESIGN.md §3, "Source").
 *
 * The registry is read from data/sources.tsv (name, aliases separated by
 * '|', kind, country) and answers "which publisher is this name?" for the
 * many ways reports write one ("EUAA", "European Union Agency for Asylum
 * (EUAA)", "easo").  Matching folds case, diacritics and punctuation.
 *
 * Ownership: the registry owns every ds_source in it; pointers returned by
 * lookups stay valid until ds_registry_free.
 */
#ifndef DS_SOURCES_H
#define DS_SOURCES_H

#include "model.h"

typedef struct ds_registry ds_registry;

/* Loads path, or data/sources.tsv through ds_data_path when path is NULL. */
ds_status ds_registry_load(ds_registry **out, const char *path, ds_error *err);
/* Parses registry text in memory (tests, fuzzing). */
ds_status ds_registry_parse(ds_registry **out, const char *text, size_t len, const char *name,
                            ds_error *err);
void ds_registry_free(ds_registry *r);

size_t ds_registry_count(const ds_registry *r);
const ds_source *ds_registry_at(const ds_registry *r, size_t i);

/* The source a publisher string names: the whole string, then the part
 * outside parentheses, then the part inside them ("European Union Agency
 * for Asylum (EUAA)").  NULL when unknown. */
const ds_source *ds_registry_find(const ds_registry *r, const char *name);

/* The kinds a source may have, for validating user input. */
bool ds_source_kind_valid(const char *kind);

#endif
