/* The test runner: runs every registered test (or those whose name contains
 * one of the arguments) and prints a single summary line. */
#include "test.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <spawn.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

enum { MAX_TESTS = 1024 };

typedef struct {
    const char *name;
    const char *file;
    ds_test_fn fn;
} test_case;

static test_case tests[MAX_TESTS];
static int n_tests;
static int cur_failures;
static bool cur_skipped;
static const char *cur_name;
static char run_dir[PATH_MAX];
static char test_dir[PATH_MAX + 512];

void ds_test_register(const char *name, const char *file, ds_test_fn fn)
{
    if (n_tests < MAX_TESTS)
        tests[n_tests++] = (test_case){name, file, fn};
}

void ds_test_fail(const char *file, int line, const char *fmt, ...)
{
    va_list ap;
    fprintf(stdout, "FAIL %s (%s:%d): ", cur_name, file, line);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    fflush(stdout);
    cur_failures++;
}

void ds_test_skip(const char *fmt, ...)
{
    va_list ap;
    fprintf(stdout, "SKIP %s: ", cur_name);
    va_start(ap, fmt);
    vfprintf(stdout, fmt, ap);
    va_end(ap);
    fputc('\n', stdout);
    cur_skipped = true;
}

static void remove_tree(const char *path)
{
    DIR *d = opendir(path);
    if (d) {
        struct dirent *e;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            char sub[PATH_MAX + 512];
            snprintf(sub, sizeof sub, "%s/%s", path, e->d_name);
            struct stat st;
            if (lstat(sub, &st) == 0 && S_ISDIR(st.st_mode)) {
                chmod(sub, 0700);
                remove_tree(sub);
            } else {
                unlink(sub);
            }
        }
        closedir(d);
        rmdir(path);
    }
}

const char *t_tmpdir(void) { return test_dir; }

const char *t_path(const char *name)
{
    static char ring[8][PATH_MAX * 2];
    static int next;
    char *p = ring[next++ % 8];
    snprintf(p, PATH_MAX * 2, "%s/%s", test_dir, name);
    return p;
}

bool t_write_file(const char *path, const void *data, size_t n)
{
    FILE *f = fopen(path, "wb");
    if (!f)
        return false;
    bool ok = fwrite(data, 1, n, f) == n;
    return fclose(f) == 0 && ok;
}

char *t_read_file(const char *path, size_t *n)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 4096, len = 0;
    char *p = malloc(cap);
    size_t got;
    while (p && (got = fread(p + len, 1, cap - len - 1, f)) > 0) {
        len += got;
        if (cap - len < 2) {
            char *q = realloc(p, cap * 2);
            if (!q) {
                free(p);
                p = NULL;
                break;
            }
            p = q;
            cap *= 2;
        }
    }
    fclose(f);
    if (p)
        p[len] = '\0';
    if (n)
        *n = len;
    return p;
}

const char *t_repo_root(void)
{
    static char root[PATH_MAX];
    if (!root[0]) {
        const char *env = getenv("DOSSIER_REPO");
        if (env)
            snprintf(root, sizeof root, "%s", env);
        else if (!getcwd(root, sizeof root))
            snprintf(root, sizeof root, ".");
    }
    return root;
}

const char *t_dossier_bin(void)
{
    static char bin[PATH_MAX];
    if (!bin[0]) {
        const char *env = getenv("DOSSIER_BIN");
        if (env)
            snprintf(bin, sizeof bin, "%s", env);
        else
            snprintf(bin, sizeof bin, "%s/build/dossier", t_repo_root());
    }
    return bin;
}

const char *t_seeds_dir(void)
{
    static char dir[PATH_MAX];
    const char *env = getenv("DOSSIER_SEEDS");
    if (env)
        snprintf(dir, sizeof dir, "%s", env);
    else
        snprintf(dir, sizeof dir, "%s/../shared/seeds", t_repo_root());
    char manifest[PATH_MAX + 16];
    snprintf(manifest, sizeof manifest, "%s/manifest.csv", dir);
    return access(manifest, R_OK) == 0 ? dir : NULL;
}

/* Reads a child's pipe fully; the caller owns the result. */
static char *drain(int fd)
{
    size_t cap = 4096, len = 0;
    char *p = malloc(cap);
    for (;;) {
        if (cap - len < 2) {
            cap *= 2;
            p = realloc(p, cap);
        }
        ssize_t got = read(fd, p + len, cap - len - 1);
        if (got < 0 && errno == EINTR)
            continue;
        if (got <= 0)
            break;
        len += (size_t)got;
    }
    p[len] = '\0';
    return p;
}

static t_result spawn(const char *path, char *const argv[])
{
    t_result r = {.status = -1};
    char out_path[PATH_MAX + 16], err_path[PATH_MAX + 16];
    snprintf(out_path, sizeof out_path, "%s/.stdout", run_dir);
    snprintf(err_path, sizeof err_path, "%s/.stderr", run_dir);
    /* Output goes to files, not pipes, so a chatty child never blocks. */
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
    posix_spawn_file_actions_addopen(&fa, 1, out_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&fa, 2, err_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addchdir_np(&fa, test_dir);
    pid_t pid;
    int rc = posix_spawn(&pid, path, &fa, NULL, argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    if (rc == 0) {
        int st;
        while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
            ;
        r.status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st);
    }
    int fd = open(out_path, O_RDONLY);
    r.out = fd >= 0 ? drain(fd) : strdup("");
    if (fd >= 0)
        close(fd);
    fd = open(err_path, O_RDONLY);
    r.err = fd >= 0 ? drain(fd) : strdup("");
    if (fd >= 0)
        close(fd);
    return r;
}

t_result t_run(const char *const *argv)
{
    const char *args[64];
    int n = 0;
    args[n++] = t_dossier_bin();
    for (size_t i = 0; argv[i] && n < 63; i++)
        args[n++] = argv[i];
    args[n] = NULL;
    return spawn(t_dossier_bin(), (char *const *)args);
}

t_result t_sh(const char *script)
{
    char *const argv[] = {"/bin/sh", "-c", (char *)script, NULL};
    return spawn("/bin/sh", argv);
}

bool t_sh_ok_at(const char *file, int line, const char *script)
{
    t_result r = t_sh(script);
    bool ok = r.status == 0;
    if (!ok)
        ds_test_fail(file, line, "`%s` failed: %s", script, r.err);
    t_result_free(&r);
    return ok;
}

void t_result_free(t_result *r)
{
    free(r->out);
    free(r->err);
    r->out = r->err = NULL;
}

static bool selected(const char *name, int argc, char **argv)
{
    if (argc < 2)
        return true;
    for (int i = 1; i < argc; i++)
        if (strstr(name, argv[i]))
            return true;
    return false;
}

int main(int argc, char **argv)
{
    const char *tmp = getenv("TMPDIR");
    snprintf(run_dir, sizeof run_dir, "%s/dossier-tests-XXXXXX", tmp ? tmp : "/tmp");
    if (!mkdtemp(run_dir)) {
        perror("mkdtemp");
        return 2;
    }
    /* Tests resolve data files and the CLI from the repository root. */
    if (!getenv("DOSSIER_DATA")) {
        char data[PATH_MAX + 8];
        snprintf(data, sizeof data, "%s/data", t_repo_root());
        setenv("DOSSIER_DATA", data, 1);
    }
    unsetenv("DOSSIER_DB");
    /* Shell-driven tests call "$DOSSIER_BIN". */
    setenv("DOSSIER_BIN", t_dossier_bin(), 1);
    int passed = 0, failed = 0, skipped = 0;
    for (int i = 0; i < n_tests; i++) {
        if (!selected(tests[i].name, argc, argv))
            continue;
        snprintf(test_dir, sizeof test_dir, "%s/%s", run_dir, tests[i].name);
        mkdir(test_dir, 0700);
        cur_name = tests[i].name;
        cur_failures = 0;
        cur_skipped = false;
        tests[i].fn();
        if (cur_failures)
            failed++;
        else if (cur_skipped)
            skipped++;
        else
            passed++;
    }
    if (!getenv("DOSSIER_KEEP_TMP"))
        remove_tree(run_dir);
    printf("%d passed, %d failed, %d skipped\n", passed, failed, skipped);
    return failed ? 1 : 0;
}
