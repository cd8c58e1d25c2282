/* test_serve_http.h: a `dossier serve` started for a test on a free
 * loopback port, shared by the HTTP tests and the browser tests. */
#ifndef TEST_SERVE_HTTP_H
#define TEST_SERVE_HTTP_H

#include <stdbool.h>
#include <sys/types.h>

typedef struct ts_server {
    pid_t pid;
    int port, out;
} ts_server;

/* Starts `dossier --db ./dossier.db serve --port 0 EXTRA...` in the test's
 * directory and reads the line naming its port; false (with the reason
 * recorded as a failure) if it did not start. */
bool ts_start(ts_server *sv, const char *const *extra);
/* Stops it with SIGTERM and returns its exit status. */
int ts_stop(ts_server *sv);

#endif
