#include "core.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#ifndef DS_DATADIR
#define DS_DATADIR "/usr/local/share/dossier"
#endif

void ds_warn(ds_warnings *w, const char *fmt, ...)
{
    if (!w)
        return;
    if (w->n >= DS_WARN_MAX) {
        w->dropped++;
        return;
    }
    char msg[512];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    char *copy = ds_strdup(msg);
    if (copy)
        w->items[w->n++] = copy;
    else
        w->dropped++;
}

void ds_warnings_free(ds_warnings *w)
{
    for (size_t i = 0; i < w->n; i++)
        ds_free(w->items[i]);
    w->n = 0;
    w->dropped = 0;
}

static bool try_dir(const char *dir, const char *name, char *buf, size_t size)
{
    int n = snprintf(buf, size, "%s/%s", dir, name);
    return n > 0 && (size_t)n < size && access(buf, R_OK) == 0;
}

ds_status ds_data_path(const char *name, char *buf, size_t size, ds_error *err)
{
    const char *env = getenv("DOSSIER_DATA");
    if (env && *env) {
        if (try_dir(env, name, buf, size))
            return DS_OK;
        return ds_error_set(err, DS_ENOENT, "%s: not found in DOSSIER_DATA=%s", name, env);
    }
    /* Beside the executable: build/dossier finds ../data in a checkout, and
     * bin/dossier finds ../share/dossier in an installation. */
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            char dir[PATH_MAX + 32];
            snprintf(dir, sizeof dir, "%s/../data", exe);
            if (try_dir(dir, name, buf, size))
                return DS_OK;
            snprintf(dir, sizeof dir, "%s/../share/dossier", exe);
            if (try_dir(dir, name, buf, size))
                return DS_OK;
        }
    }
    if (try_dir(DS_DATADIR, name, buf, size))
        return DS_OK;
    return ds_error_set(err, DS_ENOENT,
                        "data file %s not found (looked beside the program and in %s; "
                        "set DOSSIER_DATA to the folder that holds it)",
                        name, DS_DATADIR);
}

ds_status ds_read_file(const char *path, size_t max, char **out, size_t *len, ds_error *err)
{
    *out = NULL;
    *len = 0;
    FILE *f = fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return ds_error_set(err, DS_ENOENT, "%s: no such file", path);
        return ds_error_set(err, DS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fileno(f), &st) == 0) {
        if (S_ISDIR(st.st_mode)) {
            fclose(f);
            return ds_error_set(err, DS_EISDIR, "%s: is a directory, not a file", path);
        }
        if (S_ISREG(st.st_mode) && (uint64_t)st.st_size > max) {
            fclose(f);
            return ds_error_set(err, DS_ETOOBIG,
                                "%s: %lld bytes is larger than the limit of %zu bytes",
                                path, (long long)st.st_size, max);
        }
    }
    ds_buf b;
    ds_buf_init(&b, max);
    ds_status rc = ds_buf_reserve(&b, S_ISREG(st.st_mode) ? (size_t)st.st_size : 65536);
    char chunk[65536];
    size_t got;
    while (rc == DS_OK && (got = fread(chunk, 1, sizeof chunk, f)) > 0)
        rc = ds_buf_append(&b, chunk, got);
    if (rc == DS_OK && ferror(f))
        rc = ds_error_set(err, DS_EIO, "%s: read error: %s", path, strerror(errno));
    else if (rc == DS_ETOOBIG)
        ds_error_set(err, rc, "%s: larger than the limit of %zu bytes", path, max);
    else if (rc == DS_ENOMEM)
        ds_error_set(err, rc, "%s: out of memory while reading", path);
    fclose(f);
    if (rc) {
        ds_buf_free(&b);
        return rc;
    }
    *out = ds_buf_steal(&b, len);
    return *out ? DS_OK : ds_error_set(err, DS_ENOMEM, "%s: out of memory", path);
}
