/* intake.c: reading one report for the commands that print what the
 * recognizers find (places, times, numbers). */
#include <stdlib.h>
#include <string.h>

#include "add/add.h"
#include "cli.h"

int cli_read_document(const char *path, ds_document *out)
{
    ds_intake *in;
    ds_intake_options io = {0};
    ds_error err = {0};
    if (strcmp(path, "-") == 0)
        io.format = "text";
    if (ds_intake_new(&in, &io, &err) != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    ds_warnings w = {0};
    ds_status st;
    if (strcmp(path, "-") == 0) {
        ds_buf b;
        ds_buf_init(&b, 64u << 20);
        char chunk[65536];
        size_t n;
        st = DS_OK;
        while (st == DS_OK && (n = fread(chunk, 1, sizeof chunk, stdin)) > 0)
            st = ds_buf_append(&b, chunk, n);
        if (st != DS_OK)
            ds_error_set(&err, st, "stdin: input larger than 64 MiB");
        else
            st = ds_intake_bytes(in, "stdin", b.p ? b.p : "", b.len, NULL, out, &w, &err);
        ds_buf_free(&b);
    } else {
        st = ds_intake_file(in, path, NULL, out, &w, &err);
    }
    ds_intake_free(in);
    cli_warnings(&w);
    if (st != DS_OK) {
        cli_error("%s", err.msg);
        return EXIT_FAIL;
    }
    return EXIT_OK;
}
