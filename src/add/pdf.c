/* PDF text extraction through poppler's pdftotext and pdfinfo.
 *
 * dossier does not parse PDF itself: a PDF reader is a large attack surface,
 * so the work is done by a separate process that can be killed when it runs
 * too long or writes too much, and whose crash cannot take dossier down. */
#include "extract.h"
#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* PDF readers accept the header anywhere in the first kilobyte, after junk
 * that some generators and mail gateways put in front of it. */
enum { HEADER_WINDOW = 1024 };

/* pdfinfo reads only the document's dictionaries, so it needs little time
 * and prints little; a PDF whose metadata takes longer is read without it. */
enum { INFO_TIMEOUT_MS = 10000, INFO_MAX = 64 * 1024, META_MAX = 2048 };

static ds_status check_header(const char *path, ds_error *err)
{
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
        if (errno == ENOENT)
            return ds_error_set(err, DS_ENOENT, "%s: no such file", path);
        return ds_error_set(err, DS_EIO, "%s: cannot open: %s", path, strerror(errno));
    }
    struct stat st;
    if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
        close(fd);
        return ds_error_set(err, DS_EISDIR, "%s: is a directory, not a file", path);
    }
    char head[HEADER_WINDOW];
    size_t got = 0;
    while (got < sizeof head) {
        ssize_t n = read(fd, head + got, sizeof head - got);
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0) {
            int e = errno;
            close(fd);
            return ds_error_set(err, DS_EIO, "%s: read error: %s", path, strerror(e));
        }
        if (n == 0)
            break;
        got += (size_t)n;
    }
    close(fd);
    if (!memmem(head, got, "%PDF-", 5))
        return ds_error_set(err, DS_EFORMAT, "%s: not a PDF file (no %%PDF- header)", path);
    return DS_OK;
}

static const char *next_line(const char *p)
{
    const char *nl = strchr(p, '\n');
    return nl ? nl + 1 : NULL;
}

/* The most telling line of a helper's standard error: the first that
 * reports an error, since poppler often warns before it fails. */
static void first_error_line(const char *text, char *line, size_t size)
{
    const char *pick = NULL;
    for (const char *p = text; p && *p; p = next_line(p)) {
        if (*p == '\n')
            continue;
        if (!pick)
            pick = p;
        size_t n = strcspn(p, "\n");
        if (memmem(p, n, "Error", 5)) {
            pick = p;
            break;
        }
    }
    if (!pick) {
        snprintf(line, size, "no message");
        return;
    }
    snprintf(line, size, "%.*s", (int)strcspn(pick, "\n"), pick);
}

static bool blank(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] == '\0' || !strchr(" \t\r\n\f\v", s[i]))
            return false;
    return true;
}

/* A path that starts with '-' would be read as an option. */
static const char *safe_arg(const char *path, char *buf, size_t size)
{
    if (path[0] != '-')
        return path;
    snprintf(buf, size, "./%s", path);
    return buf;
}

static ds_status run_pdftotext(const char *path, const char *arg, size_t max_text,
                               int timeout_s, ds__extracted *out, ds_error *err)
{
    const char *argv[] = {"pdftotext", "-enc", "UTF-8", "-eol", "unix", "-nopgbrk",
                          arg, "-", NULL};
    ds__proc p;
    ds_error sub;
    ds_error_clear(&sub);
    ds_status rc = ds__run_capture(argv, (long)timeout_s * 1000, max_text, &p, &sub);
    switch (rc) {
    case DS_OK:
        break;
    case DS_ECHILD:
        return ds_error_set(err, rc,
                            "%s: %s (PDF files need pdftotext from poppler-utils, which "
                            "scripts/setup.sh installs)",
                            path, sub.msg);
    case DS_ETIMEOUT:
        return ds_error_set(err, rc, "%s: pdftotext did not finish within the limit of %d s",
                            path, timeout_s);
    case DS_ETOOBIG:
        return ds_error_set(err, rc, "%s: the text is larger than the limit of %zu bytes",
                            path, max_text);
    default:
        return ds_error_set(err, rc, "%s: %s", path, sub.msg);
    }
    if (p.exit_code != 0) {
        char line[512];
        first_error_line(p.err, line, sizeof line);
        if (p.signal)
            rc = ds_error_set(err, DS_ECHILD, "%s: pdftotext was killed by signal %d (%s)",
                              path, p.signal, line);
        else
            rc = ds_error_set(err, DS_EFORMAT, "%s: pdftotext could not read it: %s", path,
                              line);
        ds__proc_free(&p);
        return rc;
    }
    if (blank(p.out, p.out_len)) {
        ds__proc_free(&p);
        return ds_error_set(err, DS_EEMPTY,
                            "%s: the PDF holds no text (a scanned image needs OCR first)",
                            path);
    }
    out->text = p.out;
    out->len = p.out_len;
    p.out = NULL;
    ds__proc_free(&p);
    return DS_OK;
}

/* Copies the value of a "Key:   value" line of pdfinfo's output, if the
 * key is there and the value is not empty. */
static ds_status info_field(const char *info, const char *key, char **dst)
{
    size_t klen = strlen(key);
    for (const char *p = info; p && *p; p = next_line(p)) {
        if (strncmp(p, key, klen) != 0 || p[klen] != ':')
            continue;
        const char *v = p + klen + 1;
        v += strspn(v, " \t");
        size_t n = strcspn(v, "\n");
        while (n && strchr(" \t\r", v[n - 1]))
            n--;
        if (n == 0 || n > META_MAX)
            return DS_OK;
        *dst = ds_strndup(v, n);
        return *dst ? DS_OK : DS_ENOMEM;
    }
    return DS_OK;
}

/* Fills title, author and published from pdfinfo.  Metadata is a bonus:
 * a missing, failing or slow pdfinfo leaves the fields unknown. */
static ds_status read_info(const char *path, const char *arg, int timeout_s,
                           ds__extracted *out, ds_error *err)
{
    const char *argv[] = {"pdfinfo", "-enc", "UTF-8", "-isodates", arg, NULL};
    long limit = (long)timeout_s * 1000;
    ds__proc p;
    if (ds__run_capture(argv, limit < INFO_TIMEOUT_MS ? limit : INFO_TIMEOUT_MS, INFO_MAX, &p,
                        NULL) != DS_OK)
        return DS_OK;
    ds_status rc = DS_OK;
    if (p.exit_code == 0) {
        rc = info_field(p.out, "Title", &out->title);
        if (!rc)
            rc = info_field(p.out, "Author", &out->author);
        if (!rc)
            rc = info_field(p.out, "CreationDate", &out->published);
    }
    ds__proc_free(&p);
    if (rc)
        return ds_error_set(err, rc, "%s: out of memory reading its metadata", path);
    return DS_OK;
}

ds_status ds__pdf_extract(const char *path, size_t max_text, int timeout_s,
                          ds__extracted *out, ds_error *err)
{
    memset(out, 0, sizeof *out);
    if (timeout_s <= 0)
        return ds_error_set(err, DS_EINVAL, "%s: the PDF time limit must be at least 1 s",
                            path);
    ds_status rc = check_header(path, err);
    if (rc)
        return rc;
    char buf[4096];
    const char *arg = safe_arg(path, buf, sizeof buf);
    rc = run_pdftotext(path, arg, max_text, timeout_s, out, err);
    if (!rc)
        rc = read_info(path, arg, timeout_s, out, err);
    if (rc)
        ds__extracted_free(out);
    return rc;
}
