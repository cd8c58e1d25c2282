/* test.h: the project's one test harness.
 *
 * A test is a function declared with TEST(name); it registers itself before
 * main runs.  CHECK records a failure and goes on; REQUIRE records a failure
 * and returns from the test; SKIP ends the test as skipped with a reason.
 * The runner prints one line per failure or skip and a closing summary line
 * "N passed, N failed, N skipped".
 */
#ifndef DS_TEST_H
#define DS_TEST_H

#include <stdbool.h>
#include <stddef.h>
#include <string.h>

typedef void (*ds_test_fn)(void);

void ds_test_register(const char *name, const char *file, ds_test_fn fn);
void ds_test_fail(const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
void ds_test_skip(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#define TEST(name)                                                          \
    static void name(void);                                                 \
    __attribute__((constructor)) static void ds_test_reg_##name(void)       \
    {                                                                       \
        ds_test_register(#name, __FILE__, name);                            \
    }                                                                       \
    static void name(void)

#define CHECK(cond)                                                         \
    do {                                                                    \
        if (!(cond))                                                        \
            ds_test_fail(__FILE__, __LINE__, "check failed: %s", #cond);    \
    } while (0)

#define REQUIRE(cond)                                                       \
    do {                                                                    \
        if (!(cond)) {                                                      \
            ds_test_fail(__FILE__, __LINE__, "requirement failed: %s", #cond); \
            return;                                                         \
        }                                                                   \
    } while (0)

#define CHECK_INT(a, b)                                                     \
    do {                                                                    \
        long long ds_a_ = (long long)(a), ds_b_ = (long long)(b);           \
        if (ds_a_ != ds_b_)                                                 \
            ds_test_fail(__FILE__, __LINE__, "%s == %s: %lld != %lld", #a, #b, \
                         ds_a_, ds_b_);                                     \
    } while (0)

#define CHECK_STR(a, b)                                                     \
    do {                                                                    \
        const char *ds_a_ = (a), *ds_b_ = (b);                              \
        if (!ds_a_ || !ds_b_ || strcmp(ds_a_, ds_b_) != 0)                  \
            ds_test_fail(__FILE__, __LINE__, "%s == %s: \"%s\" != \"%s\"", #a, \
                         #b, ds_a_ ? ds_a_ : "(null)", ds_b_ ? ds_b_ : "(null)"); \
    } while (0)

#define CHECK_CONTAINS(hay, needle)                                         \
    do {                                                                    \
        const char *ds_h_ = (hay), *ds_n_ = (needle);                       \
        if (!ds_h_ || !strstr(ds_h_, ds_n_))                                \
            ds_test_fail(__FILE__, __LINE__, "%s does not contain \"%s\"",  \
                         #hay, ds_n_);                                      \
    } while (0)

#define SKIP(...)                                                           \
    do {                                                                    \
        ds_test_skip(__VA_ARGS__);                                          \
        return;                                                             \
    } while (0)

/* Helpers for tests that use files and the CLI. */

/* A fresh directory for this test, removed when the run ends. */
const char *t_tmpdir(void);
/* Joins the test's temporary directory and a name into a static buffer ring. */
const char *t_path(const char *name);
/* Writes bytes to a file; returns false on failure. */
bool t_write_file(const char *path, const void *data, size_t n);
/* Reads a whole file into a malloc'd NUL-terminated string, or NULL. */
char *t_read_file(const char *path, size_t *n);
/* The repository's root, the built CLI, and ../shared/seeds (NULL if absent). */
const char *t_repo_root(void);
const char *t_dossier_bin(void);
const char *t_seeds_dir(void);

typedef struct t_result {
    int status; /* exit status, or 128+signal */
    char *out;  /* stdout, NUL-terminated, malloc'd */
    char *err;  /* stderr, NUL-terminated, malloc'd */
} t_result;

/* Runs the dossier CLI with the given arguments (NULL-terminated) in the
 * test's temporary directory, with stdin from /dev/null. */
t_result t_run(const char *const *argv);
/* The same, through "sh -c" for globs and pipes. */
t_result t_sh(const char *script);
/* Runs a script with t_sh and fails the test at file:line, naming the
 * script and its stderr, when it does not exit 0.  True when it did. */
bool t_sh_ok_at(const char *file, int line, const char *script);
#define T_SH_OK(script) t_sh_ok_at(__FILE__, __LINE__, script)
void t_result_free(t_result *r);

#endif
