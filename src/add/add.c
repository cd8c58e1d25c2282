#include "add.h"

#include <openssl/evp.h>
#include <string.h>
#include <strings.h>

#include "extract.h"
#include "meta.h"
#include "normalize/lexicon.h"
#include "normalize/normalize.h"

enum { DEFAULT_MAX_BYTES = 64 << 20, DEFAULT_PDF_TIMEOUT = 60 };

struct ds_intake {
    ds_intake_options opts;
    ds_segmenter *seg;
    ds_registry *registry;
    ds_lexicon *months;
    ds_lexicon *cues;
};

ds_status ds_intake_new(ds_intake **out, const ds_intake_options *opts, ds_error *err)
{
    *out = NULL;
    ds_intake *in = ds_calloc(1, sizeof *in);
    if (!in)
        return ds_error_set(err, DS_ENOMEM, "out of memory");
    if (opts)
        in->opts = *opts;
    if (!in->opts.max_bytes)
        in->opts.max_bytes = DEFAULT_MAX_BYTES;
    if (in->opts.pdf_timeout <= 0)
        in->opts.pdf_timeout = DEFAULT_PDF_TIMEOUT;
    ds_status rc = ds_segmenter_new(&in->seg, NULL, err);
    if (rc == DS_OK)
        rc = ds_registry_load(&in->registry, NULL, err);
    if (rc == DS_OK)
        rc = ds_lexicon_load(&in->months, "months.tsv", err);
    if (rc == DS_OK)
        rc = ds_lexicon_load(&in->cues, "intake_cues.tsv", err);
    if (rc) {
        ds_intake_free(in);
        return rc;
    }
    *out = in;
    return DS_OK;
}

void ds_intake_free(ds_intake *in)
{
    if (!in)
        return;
    ds_segmenter_free(in->seg);
    ds_registry_free(in->registry);
    ds_lexicon_free(in->months);
    ds_lexicon_free(in->cues);
    ds_free(in);
}

const ds_registry *ds_intake_registry(const ds_intake *in) { return in->registry; }

const char *ds_format_for_path(const char *path)
{
    static const struct {
        const char *ext, *format;
    } exts[] = {
        {"txt", "text"}, {"text", "text"}, {"md", "markdown"}, {"markdown", "markdown"},
        {"html", "html"}, {"htm", "html"}, {"xhtml", "html"}, {"pdf", "pdf"},
    };
    const char *slash = strrchr(path, '/');
    const char *dot = strrchr(slash ? slash : path, '.');
    if (!dot)
        return NULL;
    for (size_t i = 0; i < sizeof exts / sizeof *exts; i++)
        if (!strcasecmp(dot + 1, exts[i].ext))
            return exts[i].format;
    return NULL;
}

static const char *base_name(const char *path)
{
    const char *slash = strrchr(path, '/');
    return slash ? slash + 1 : path;
}

static ds_status sha256_hex(const char *bytes, size_t n, char out[65], ds_error *err)
{
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    if (!EVP_Digest(bytes, n, md, &len, EVP_sha256(), NULL) || len != 32)
        return ds_error_set(err, DS_ENOMEM, "sha256 failed");
    static const char hex[] = "0123456789abcdef";
    for (unsigned i = 0; i < 32; i++) {
        out[2 * i] = hex[md[i] >> 4];
        out[2 * i + 1] = hex[md[i] & 15];
    }
    out[64] = '\0';
    return DS_OK;
}

/* Copies the first known value into a document field; a NULL or empty
 * candidate is skipped.  Returns false only when memory runs out. */
static bool pick(char **slot, const char *a, const char *b, const char *c)
{
    const char *v = a && *a ? a : b && *b ? b : c && *c ? c : NULL;
    if (!v)
        return true;
    *slot = ds_strdup(v);
    return *slot != NULL;
}

/* Publication date: the user's, then the file's declared one, then the
 * one read from the text. */
static void pick_date(ds_document *doc, const ds_meta *given, const ds__extracted *x,
                      const ds__text_meta *tm, const ds_lexicon *months)
{
    if (given && given->published.precision) {
        doc->published = given->published;
        return;
    }
    if (x && x->published) {
        size_t at, end;
        if (ds_date_parse_iso(x->published, DS_PREC_NONE, &doc->published) == DS_OK)
            return;
        if (ds__find_date(x->published, strlen(x->published), months, &doc->published, &at, &end))
            return;
    }
    doc->published = tm->published;
}

/* The publisher: a name the user gave, else the site the file names, else
 * the agency of a dateline, each resolved through the registry so that all
 * spellings land on one canonical name. */
static bool pick_source(ds_intake *in, ds_document *doc, const ds_meta *given,
                        const ds__extracted *x, const ds__text_meta *tm)
{
    const char *candidates[] = {given ? given->source : NULL, x ? x->site_name : NULL,
                                tm->agency};
    const char *kind = given ? given->source_kind : NULL;
    for (size_t i = 0; i < 3; i++) {
        const char *name = candidates[i];
        if (!name || !*name)
            continue;
        const ds_source *known = ds_registry_find(in->registry, name);
        if (!known && i == 2)
            continue; /* "(Dispatches)" is a house style, not a publisher */
        if (!pick(&doc->source, known ? known->name : name, NULL, NULL))
            return false;
        return pick(&doc->source_kind, kind, known ? known->kind : NULL, NULL);
    }
    return true;
}

static ds_status fill_meta(ds_intake *in, ds_document *doc, const ds_meta *given,
                           const ds__extracted *x, ds_error *err)
{
    ds__cues cues = {in->months, in->cues};
    ds__text_meta tm;
    ds__detect_meta(doc->text, doc->text_len, &cues, &tm);
    const ds_meta none = {0};
    if (!given)
        given = &none;
    bool ok = pick(&doc->title, given->title, x ? x->title : NULL, tm.title) &&
              pick(&doc->author, given->author, x ? x->author : NULL, tm.author) &&
              pick(&doc->url, given->url, x ? x->url : NULL, NULL) &&
              pick(&doc->lang, given->lang, x ? x->lang : NULL, NULL) &&
              pick(&doc->notes, given->notes, NULL, NULL) &&
              pick_source(in, doc, given, x, &tm);
    pick_date(doc, given, x, &tm, in->months);
    ds__text_meta_free(&tm);
    return ok ? DS_OK : ds_error_set(err, DS_ENOMEM, "out of memory");
}

static bool only_space(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != ' ' && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
            return false;
    return true;
}

/* Extracts text according to the format; x is filled for HTML and PDF. */
static ds_status extract(ds_intake *in, const char *path, const char *name, const char *format,
                         const char *bytes, size_t n, ds__extracted *x, const char **text,
                         size_t *len, ds_error *err)
{
    if (!strcmp(format, "html")) {
        ds_status rc = ds__html_extract(bytes, n, name, in->opts.max_bytes, x, err);
        *text = x->text;
        *len = x->len;
        return rc;
    }
    if (!strcmp(format, "pdf")) {
        if (!path)
            return ds_error_set(err, DS_EUNSUPPORTED, "%s: PDF input must be a file", name);
        ds_status rc = ds__pdf_extract(path, in->opts.max_bytes, in->opts.pdf_timeout, x, err);
        *text = x->text;
        *len = x->len;
        return rc;
    }
    if (ds_looks_binary(bytes, n))
        return ds_error_set(err, DS_EBINARY,
                            "%s: binary data, not text (is it a %s file? pass --format)",
                            name, !memcmp(bytes, "%PDF-", n < 5 ? n : 5) ? "PDF" : "different");
    *text = bytes;
    *len = n;
    return DS_OK;
}

static ds_status intake(ds_intake *in, const char *path, const char *name, const char *bytes,
                        size_t n, const ds_meta *given, ds_document *doc,
                        ds_warnings *warnings, ds_error *err)
{
    memset(doc, 0, sizeof *doc);
    const char *format = in->opts.format ? in->opts.format : ds_format_for_path(name);
    if (!format)
        return ds_error_set(err, DS_EUNSUPPORTED,
                            "%s: unknown file type (dossier reads .txt, .md, .html, .htm and "
                            ".pdf; use --format to say which this is)", name);
    if (n == 0)
        return ds_error_set(err, DS_EEMPTY, "%s: empty file", name);
    ds__extracted x = {0};
    const char *text = NULL;
    size_t len = 0;
    ds_status rc = sha256_hex(bytes, n, doc->sha256, err);
    if (rc == DS_OK)
        rc = extract(in, path, name, format, bytes, n, &x, &text, &len, err);
    if (rc == DS_OK)
        rc = ds_normalize(text, len, name, in->opts.max_bytes, &doc->text, &doc->text_len,
                          warnings, err);
    if (rc == DS_OK && only_space(doc->text, doc->text_len))
        rc = ds_error_set(err, DS_EEMPTY, "%s: no text in the file", name);
    if (rc == DS_OK)
        rc = ds_segment(in->seg, doc->text, doc->text_len, &doc->sentences, &doc->n_sentences,
                        err);
    if (rc == DS_OK && !(doc->file = ds_strdup(base_name(name))))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (rc == DS_OK && !(doc->format = ds_strdup(format)))
        rc = ds_error_set(err, DS_ENOMEM, "out of memory");
    if (rc == DS_OK)
        rc = fill_meta(in, doc, given, &x, err);
    ds__extracted_free(&x);
    if (rc)
        ds_document_free(doc);
    return rc;
}

ds_status ds_intake_bytes(ds_intake *in, const char *name, const char *bytes, size_t n,
                          const ds_meta *given, ds_document *doc, ds_warnings *warnings,
                          ds_error *err)
{
    if (n > in->opts.max_bytes)
        return ds_error_set(err, DS_ETOOBIG, "%s: %zu bytes is larger than the limit of %zu",
                            name, n, in->opts.max_bytes);
    return intake(in, NULL, name, bytes, n, given, doc, warnings, err);
}

ds_status ds_intake_file(ds_intake *in, const char *path, const ds_meta *given,
                         ds_document *doc, ds_warnings *warnings, ds_error *err)
{
    memset(doc, 0, sizeof *doc);
    char *bytes;
    size_t n;
    ds_status rc = ds_read_file(path, in->opts.max_bytes, &bytes, &n, err);
    if (rc)
        return rc;
    rc = intake(in, path, path, bytes, n, given, doc, warnings, err);
    ds_free(bytes);
    return rc;
}
