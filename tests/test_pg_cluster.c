/* test_pg_cluster.c: a throwaway PostgreSQL 15 cluster for the tests.
 *
 * The first test that asks for a database starts one cluster in a fresh
 * directory under /tmp, listening only on a unix socket in that directory,
 * and the cluster is stopped and removed when the run ends.  PostgreSQL
 * refuses to run as root, so as root the cluster belongs to "nobody".
 * Each test gets a database of its own. */
#include <libpq-fe.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "test.h"
#include "test_pg.h"

static char dir[64];
static char as_user[64]; /* "runuser -u nobody -- " as root, else "" */
static int state;        /* 0 not tried, 1 running, -1 unavailable */
static char why[1024];
static int databases;

static const char *bindir(void)
{
    const char *b = getenv("DOSSIER_PG_BINDIR");
    return b ? b : "/usr/lib/postgresql/15/bin";
}

static void stop_cluster(void)
{
    char cmd[512];
    snprintf(cmd, sizeof cmd, "%s%s/pg_ctl -D %s/data -m immediate stop >/dev/null 2>&1; "
             "rm -rf %s", as_user, bindir(), dir, dir);
    if (system(cmd) != 0)
        fprintf(stderr, "test_pg: could not stop the cluster in %s\n", dir);
}

/* Runs a shell command; on failure keeps its output in why. */
static bool sh(const char *script)
{
    t_result r = t_sh(script);
    bool ok = r.status == 0;
    if (!ok)
        snprintf(why, sizeof why, "%s: %s%s", script, r.out, r.err);
    t_result_free(&r);
    return ok;
}

static bool start_cluster(void)
{
    snprintf(dir, sizeof dir, "/tmp/dossier-pg-XXXXXX");
    if (!mkdtemp(dir)) {
        snprintf(why, sizeof why, "cannot make a directory for the cluster");
        return false;
    }
    if (geteuid() == 0) {
        struct passwd *pw = getpwnam("nobody");
        if (!pw || chown(dir, pw->pw_uid, pw->pw_gid) != 0) {
            snprintf(why, sizeof why, "as root, the cluster needs the user nobody");
            return false;
        }
        snprintf(as_user, sizeof as_user, "runuser -u nobody -- ");
    }
    atexit(stop_cluster);
    char script[2048];
    snprintf(script, sizeof script,
             "%s%s/initdb -D %s/data -U dossier -A trust -E UTF8 --locale=C.UTF-8 --no-sync",
             as_user, bindir(), dir);
    if (!sh(script))
        return false;
    snprintf(script, sizeof script,
             "%s%s/pg_ctl -D %s/data -l %s/log -w -t 60 -o \"-k %s -c listen_addresses='' "
             "-c fsync=off -c max_connections=40\" start", as_user, bindir(), dir, dir, dir);
    return sh(script);
}

static bool create_database(const char *name)
{
    char conninfo[256];
    snprintf(conninfo, sizeof conninfo, "host=%s user=dossier dbname=postgres", dir);
    PGconn *c = PQconnectdb(conninfo);
    char sql[128];
    snprintf(sql, sizeof sql, "CREATE DATABASE %s", name);
    PGresult *r = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
    bool ok = r && PQresultStatus(r) == PGRES_COMMAND_OK;
    if (!ok)
        snprintf(why, sizeof why, "cannot create database %s: %s", name, PQerrorMessage(c));
    PQclear(r);
    PQfinish(c);
    return ok;
}

const char *t_pg_database(void)
{
    static char uri[256];
    if (state == 0) {
        char initdb[512];
        snprintf(initdb, sizeof initdb, "%s/initdb", bindir());
        if (access(initdb, X_OK) != 0) {
            snprintf(why, sizeof why, "PostgreSQL 15 is not installed (no %s; scripts/setup.sh "
                     "installs the postgresql package)", initdb);
            state = -1;
        } else {
            state = start_cluster() ? 1 : -1;
        }
    }
    if (state < 0)
        return NULL;
    char name[32];
    snprintf(name, sizeof name, "t%d", ++databases);
    if (!create_database(name))
        return NULL;
    snprintf(uri, sizeof uri, "postgresql://dossier@/%s?host=%s", name, dir);
    return uri;
}

bool t_pg_installed(void) { return state >= 0; }

const char *t_pg_why(void) { return why; }
