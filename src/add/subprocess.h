/* subprocess.h: runs a helper program (pdftotext, pdfinfo) and captures its
 * output, with a deadline and an output cap (internal to the "add" stage).
 *
 * The program runs in a process group of its own with standard input from
 * /dev/null, its signal mask cleared and every signal at its default action,
 * so whatever the caller blocks or ignores does not leak into it.  When it
 * runs out of time or writes too much, the whole group is killed with
 * SIGKILL and the program is reaped: no zombie and no descriptor is left
 * behind on any path.  SIGCHLD is left alone; a caller that sets it to
 * SIG_IGN makes exit statuses unknowable and gets DS_ECHILD.
 *
 * Ownership: the strings in a ds__proc are allocated with ds_malloc and
 * released by ds__proc_free.
 */
#ifndef DS_SUBPROCESS_H
#define DS_SUBPROCESS_H

#include "core.h"

/* Standard error is kept up to this many bytes; the rest is read and
 * discarded so that a chatty program never blocks on a full pipe. */
enum { DS__PROC_ERR_MAX = 4096 };

typedef struct ds__proc {
    char *out;      /* standard output, NUL-terminated */
    size_t out_len;
    char *err;      /* the start of standard error, NUL-terminated */
    size_t err_len;
    int exit_code;  /* the exit status, or -1 when a signal ended it */
    int signal;     /* the signal that ended it, or 0 */
} ds__proc;

/* Runs argv[0], looked up in PATH, with the arguments argv (NULL-terminated).
 * Returns DS_OK once the program has ended, whatever its exit status, with
 * *p filled; DS_ECHILD when it cannot be started (the message names the
 * program and the reason); DS_ETIMEOUT when it has not ended after
 * timeout_ms milliseconds; DS_ETOOBIG when its standard output passes
 * max_out bytes; DS_ENOMEM or DS_EIO otherwise.  On every error *p holds no
 * memory.  Messages name argv[0]; callers add the file they were working on. */
ds_status ds__run_capture(const char *const argv[], long timeout_ms, size_t max_out,
                          ds__proc *p, ds_error *err);

void ds__proc_free(ds__proc *p);

#endif
