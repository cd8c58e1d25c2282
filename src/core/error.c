#include "core.h"

#include <stdio.h>
#include <string.h>

static const char *const messages[DS_STATUS_COUNT] = {
    [DS_OK] = "success",
    [DS_ENOMEM] = "out of memory",
    [DS_EIO] = "input/output error",
    [DS_ENOENT] = "file not found",
    [DS_EISDIR] = "is a directory",
    [DS_EEMPTY] = "empty input",
    [DS_EBINARY] = "binary input",
    [DS_ETOOBIG] = "input too large",
    [DS_EFORMAT] = "malformed input",
    [DS_EUNSUPPORTED] = "unsupported format",
    [DS_EINVAL] = "invalid argument",
    [DS_EDB] = "database error",
    [DS_ENOTDB] = "not a dossier database",
    [DS_EREADONLY] = "database is read-only",
    [DS_EBUSY] = "database is busy",
    [DS_ETIMEOUT] = "helper program timed out",
    [DS_ECHILD] = "helper program failed",
    [DS_ENOTFOUND] = "not found",
};

const char *ds_strerror(ds_status code)
{
    if ((int)code < 0 || code >= DS_STATUS_COUNT || !messages[code])
        return "unknown error";
    return messages[code];
}

ds_status ds_error_set(ds_error *err, ds_status code, const char *fmt, ...)
{
    if (err) {
        va_list ap;
        va_start(ap, fmt);
        vsnprintf(err->msg, sizeof err->msg, fmt, ap);
        va_end(ap);
        err->code = code;
    }
    return code;
}

void ds_error_clear(ds_error *err)
{
    if (err) {
        err->code = DS_OK;
        err->msg[0] = '\0';
    }
}
