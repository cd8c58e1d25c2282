#include "subprocess.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

enum { CHUNK = 65536 };

static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* Moves fd above the standard descriptors.  A caller that closed its own
 * stdout would otherwise get a pipe end numbered 1, and the child's dup2
 * onto 1 would then be a no-op that leaves close-on-exec set. */
static int above_std(int fd)
{
    if (fd > STDERR_FILENO)
        return fd;
    int moved = fcntl(fd, F_DUPFD_CLOEXEC, STDERR_FILENO + 1);
    close(fd);
    return moved;
}

static void close_fd(int *fd)
{
    if (*fd >= 0) {
        close(*fd);
        *fd = -1;
    }
}

/* A pipe whose ends are close-on-exec, so that no other child the caller
 * starts inherits them. */
static bool make_pipe(int fds[2])
{
    if (pipe2(fds, O_CLOEXEC) != 0) {
        fds[0] = fds[1] = -1;
        return false;
    }
    fds[0] = above_std(fds[0]);
    fds[1] = above_std(fds[1]);
    if (fds[0] < 0 || fds[1] < 0) {
        close_fd(&fds[0]);
        close_fd(&fds[1]);
        return false;
    }
    return true;
}

/* Starts the program with stdout and stderr on the pipes' write ends.
 * Returns 0 or an errno value. */
static int spawn(const char *const argv[], int out_w, int err_w, pid_t *pid)
{
    posix_spawn_file_actions_t fa;
    posix_spawnattr_t attr;
    sigset_t none, all;
    int rc = posix_spawn_file_actions_init(&fa);
    if (rc)
        return rc;
    rc = posix_spawnattr_init(&attr);
    if (rc) {
        posix_spawn_file_actions_destroy(&fa);
        return rc;
    }
    sigemptyset(&none);
    sigfillset(&all);
    rc = posix_spawn_file_actions_addopen(&fa, STDIN_FILENO, "/dev/null", O_RDONLY, 0);
    if (!rc)
        rc = posix_spawn_file_actions_adddup2(&fa, out_w, STDOUT_FILENO);
    if (!rc)
        rc = posix_spawn_file_actions_adddup2(&fa, err_w, STDERR_FILENO);
    if (!rc)
        rc = posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK |
                                                 POSIX_SPAWN_SETSIGDEF);
    if (!rc)
        rc = posix_spawnattr_setpgroup(&attr, 0);
    if (!rc)
        rc = posix_spawnattr_setsigmask(&attr, &none);
    if (!rc)
        rc = posix_spawnattr_setsigdefault(&attr, &all);
    if (!rc)
        rc = posix_spawnp(pid, argv[0], &fa, &attr, (char *const *)argv, environ);
    posix_spawnattr_destroy(&attr);
    posix_spawn_file_actions_destroy(&fa);
    return rc;
}

/* Waits for the child without giving up; used after SIGKILL, which a
 * process cannot ignore. */
static void reap(pid_t pid, int *status)
{
    while (waitpid(pid, status, 0) < 0 && errno == EINTR)
        ;
}

static void kill_and_reap(pid_t pid)
{
    int status;
    /* The group holds the program and anything it started; the pid is
     * named too in case the program moved itself to another group. */
    kill(-pid, SIGKILL);
    kill(pid, SIGKILL);
    reap(pid, &status);
}

typedef struct capture {
    const char *prog;
    int fd[2];        /* stdout and stderr read ends, -1 once at end of file */
    ds_buf out, err;
    size_t max_out;
    long long deadline;
    long timeout_ms;
} capture;

/* Reads what is ready on one pipe.  Standard error beyond its cap is
 * dropped rather than refused. */
static ds_status drain(capture *c, int which, ds_error *err)
{
    char chunk[CHUNK];
    ssize_t n = read(c->fd[which], chunk, sizeof chunk);
    if (n < 0) {
        if (errno == EINTR || errno == EAGAIN)
            return DS_OK;
        return ds_error_set(err, DS_EIO, "%s: reading its output failed: %s", c->prog,
                            strerror(errno));
    }
    if (n == 0) {
        close_fd(&c->fd[which]);
        return DS_OK;
    }
    if (which == 1) {
        size_t room = c->err.max - c->err.len;
        return ds_buf_append(&c->err, chunk, (size_t)n < room ? (size_t)n : room) == DS_ENOMEM
                   ? ds_error_set(err, DS_ENOMEM, "%s: out of memory", c->prog)
                   : DS_OK;
    }
    ds_status rc = ds_buf_append(&c->out, chunk, (size_t)n);
    if (rc == DS_ETOOBIG)
        return ds_error_set(err, rc, "%s: output larger than the limit of %zu bytes", c->prog,
                            c->max_out);
    if (rc)
        return ds_error_set(err, rc, "%s: out of memory", c->prog);
    return DS_OK;
}

static ds_status timed_out(const capture *c, ds_error *err)
{
    return ds_error_set(err, DS_ETIMEOUT, "%s: did not finish within %ld ms", c->prog,
                        c->timeout_ms);
}

/* Reads both pipes until both reach end of file or the deadline passes. */
static ds_status read_all(capture *c, ds_error *err)
{
    while (c->fd[0] >= 0 || c->fd[1] >= 0) {
        long long left = c->deadline - now_ms();
        if (left <= 0)
            return timed_out(c, err);
        struct pollfd pfd[2];
        int idx[2];
        nfds_t n = 0;
        for (int i = 0; i < 2; i++) {
            if (c->fd[i] >= 0) {
                pfd[n] = (struct pollfd){.fd = c->fd[i], .events = POLLIN};
                idx[n++] = i;
            }
        }
        int ready = poll(pfd, n, left > 1000000 ? 1000000 : (int)left);
        if (ready < 0) {
            if (errno == EINTR)
                continue;
            return ds_error_set(err, DS_EIO, "%s: poll failed: %s", c->prog, strerror(errno));
        }
        for (nfds_t i = 0; i < n; i++) {
            if (pfd[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                ds_status rc = drain(c, idx[i], err);
                if (rc)
                    return rc;
            }
        }
    }
    return DS_OK;
}

/* Waits for the exit after the pipes closed.  A program can close its
 * output and go on running, so the deadline still applies; the wait polls
 * with short sleeps because SIGCHLD belongs to the caller. */
static ds_status wait_exit(capture *c, pid_t pid, int *status, ds_error *err)
{
    long pause_ms = 1;
    for (;;) {
        pid_t r = waitpid(pid, status, WNOHANG);
        if (r == pid)
            return DS_OK;
        if (r < 0 && errno != EINTR)
            return ds_error_set(err, DS_ECHILD,
                                "%s: its exit status cannot be collected (%s; is SIGCHLD "
                                "ignored?)",
                                c->prog, strerror(errno));
        long long left = c->deadline - now_ms();
        if (left <= 0)
            return timed_out(c, err);
        long ms = pause_ms < left ? pause_ms : (long)left;
        struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};
        nanosleep(&ts, NULL);
        if (pause_ms < 50)
            pause_ms *= 2;
    }
}

ds_status ds__run_capture(const char *const argv[], long timeout_ms, size_t max_out,
                          ds__proc *p, ds_error *err)
{
    memset(p, 0, sizeof *p);
    if (!argv || !argv[0] || timeout_ms <= 0)
        return ds_error_set(err, DS_EINVAL, "run_capture: no program or no time limit");
    capture c = {.prog = argv[0], .fd = {-1, -1}, .max_out = max_out, .timeout_ms = timeout_ms};
    ds_buf_init(&c.out, max_out);
    ds_buf_init(&c.err, DS__PROC_ERR_MAX);
    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    pid_t pid = -1;
    int status = 0;
    ds_status rc = DS_OK;

    if (!make_pipe(out_pipe) || !make_pipe(err_pipe)) {
        rc = ds_error_set(err, DS_EIO, "%s: cannot create a pipe: %s", c.prog, strerror(errno));
        goto done;
    }
    int e = spawn(argv, out_pipe[1], err_pipe[1], &pid);
    /* The parent must not hold the write ends, or it would never see end
     * of file on the read ends. */
    close_fd(&out_pipe[1]);
    close_fd(&err_pipe[1]);
    if (e) {
        pid = -1;
        rc = ds_error_set(err, DS_ECHILD, "cannot run %s: %s", c.prog, strerror(e));
        goto done;
    }
    c.fd[0] = out_pipe[0];
    c.fd[1] = err_pipe[0];
    out_pipe[0] = err_pipe[0] = -1;
    c.deadline = now_ms() + timeout_ms;

    rc = read_all(&c, err);
    if (rc == DS_OK) {
        rc = wait_exit(&c, pid, &status, err);
        if (rc == DS_OK || rc == DS_ECHILD)
            pid = -1; /* reaped, or not ours to reap any more */
    }
    if (rc)
        goto done;
    p->exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
    p->signal = WIFSIGNALED(status) ? WTERMSIG(status) : 0;
    p->out = ds_buf_steal(&c.out, &p->out_len);
    p->err = ds_buf_steal(&c.err, &p->err_len);
    if (!p->out || !p->err) {
        ds__proc_free(p);
        rc = ds_error_set(err, DS_ENOMEM, "%s: out of memory", c.prog);
    }

done:
    if (pid > 0)
        kill_and_reap(pid);
    close_fd(&c.fd[0]);
    close_fd(&c.fd[1]);
    close_fd(&out_pipe[0]);
    close_fd(&out_pipe[1]);
    close_fd(&err_pipe[0]);
    close_fd(&err_pipe[1]);
    ds_buf_free(&c.out);
    ds_buf_free(&c.err);
    return rc;
}

void ds__proc_free(ds__proc *p)
{
    ds_free(p->out);
    ds_free(p->err);
    memset(p, 0, sizeof *p);
}
