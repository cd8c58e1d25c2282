/* test_pg.h: a PostgreSQL database for tests (test_pg_cluster.c). */
#ifndef DS_TEST_PG_H
#define DS_TEST_PG_H

#include <stdbool.h>

/* A fresh empty database's URI in the run's throwaway cluster, started on
 * first use; NULL when PostgreSQL is not installed or the cluster could
 * not start (t_pg_installed and t_pg_why tell which, and why). */
const char *t_pg_database(void);
bool t_pg_installed(void);
const char *t_pg_why(void);

/* Skips the test when PostgreSQL is missing, fails it when the cluster
 * does not start; otherwise sets uri. */
#define T_PG_DATABASE(uri)                                                  \
    do {                                                                    \
        (uri) = t_pg_database();                                            \
        if (!(uri) && !t_pg_installed())                                    \
            SKIP("%s", t_pg_why());                                         \
        if (!(uri)) {                                                       \
            ds_test_fail(__FILE__, __LINE__, "%s", t_pg_why());             \
            return;                                                         \
        }                                                                   \
    } while (0)

#endif
