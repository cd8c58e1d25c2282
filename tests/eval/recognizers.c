/* recognizers.c: the time and quantity recognizers measured against the
 * test specifications of Microsoft Recognizers-Text.
 *
 *   recognizers-eval [--failures N] [--kind KIND] [--excluded] [DIR]
 *
 * DIR is the recognizers-text folder of ../shared/data (the default, as
 * seen from the repository).  The spec files are read there at run time and
 * never copied into the repository.  The evaluator itself lives in
 * tests/rt_eval.c, which the test runner shares (tests/test_time_eval.c);
 * docs/time_quantity_eval.md explains the rules.
 *
 * This is a measurement: it exits 0 whatever the pass rate, 77 when the data
 * is absent (the exit status test harnesses read as "skipped"), 2 on a bad
 * argument and 1 when a file cannot be read. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../rt_eval.h"
#include "core.h"

static const char usage_text[] =
    "usage: recognizers-eval [--failures N] [--kind KIND] [--excluded] [DIR]\n"
    "\n"
    "Runs the time and quantity recognizers on the calendar-date, date-period and\n"
    "number-range cases of Microsoft Recognizers-Text and prints, per file, the\n"
    "cases in scope, those passed, and those excluded by category\n"
    "(docs/time_quantity_eval.md).\n"
    "\n"
    "  DIR          the recognizers-text data (default ../shared/data/recognizers-text)\n"
    "  --failures N print up to N failing cases per file: input, expected, found\n"
    "  --kind KIND  print only failures of one kind: missed, span, unresolved,\n"
    "               value, invalid, extra\n"
    "  --excluded   list every excluded case with its category\n";

int main(int argc, char **argv)
{
    static const struct option opts[] = {
        {"failures", required_argument, NULL, 'f'},
        {"kind", required_argument, NULL, 'k'},
        {"excluded", no_argument, NULL, 'x'},
        {"help", no_argument, NULL, 'h'},
        {0},
    };
    long max_failures = 0;
    int kind = -1;
    bool list_excluded = false;
    int o;
    while ((o = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
        switch (o) {
        case 'f': {
            char *end;
            max_failures = strtol(optarg, &end, 10);
            if (*end || end == optarg || max_failures < 0 || max_failures > 100000) {
                fprintf(stderr, "recognizers-eval: --failures takes 0 to 100000\n");
                return 2;
            }
            break;
        }
        case 'k':
            kind = rt_failure_parse(optarg);
            if (kind < 0) {
                fprintf(stderr, "recognizers-eval: unknown failure kind \"%s\"\n", optarg);
                return 2;
            }
            break;
        case 'x': list_excluded = true; break;
        case 'h': fputs(usage_text, stdout); return 0;
        default: fputs(usage_text, stderr); return 2;
        }
    }
    if (optind + 1 < argc) {
        fputs(usage_text, stderr);
        return 2;
    }
    const char *dir = optind < argc ? argv[optind] : "../shared/data/recognizers-text";
    if (!rt_eval_data_present(dir)) {
        fprintf(stderr,
                "recognizers-eval: skipped: %s/Specs lacks the Recognizers-Text spec files "
                "(see ../shared/data/README.md)\n",
                dir);
        return 77;
    }

    /* Failures and exclusions are gathered while the files run and printed
     * after the figures, so the figures come first however many are asked
     * for. */
    char *fail_text = NULL;
    size_t fail_len = 0;
    bool listing = max_failures || list_excluded;
    FILE *fail_out = listing ? open_memstream(&fail_text, &fail_len) : NULL;
    if (listing && !fail_out) {
        fprintf(stderr, "recognizers-eval: out of memory\n");
        return 1;
    }
    rt_eval_options opt = {.out = fail_out, .max_failures = (size_t)max_failures,
                           .only_failure = kind, .list_excluded = list_excluded};
    rt_file_result res[RT_FILE_N];
    ds_error err = {0};
    ds_status st = rt_eval_run(dir, &opt, res, &err);
    if (fail_out)
        fclose(fail_out);
    if (st != DS_OK) {
        fprintf(stderr, "recognizers-eval: %s\n", err.msg);
        free(fail_text);
        return 1;
    }
    printf("Microsoft Recognizers-Text peer evaluation (%s/Specs)\n\n", dir);
    rt_eval_print(stdout, res);
    size_t in = res[RT_FILE_DATE].in_scope + res[RT_FILE_PERIOD].in_scope;
    size_t ok = res[RT_FILE_DATE].passed + res[RT_FILE_PERIOD].passed;
    printf("dates and periods together: %zu of %zu in-scope cases passed (%.1f%%)\n", ok, in,
           in ? 100.0 * (double)ok / (double)in : 0.0);
    if (fail_text && fail_len) {
        printf("\n%s (failures: up to %ld per file%s%s):\n",
               list_excluded ? "excluded and failing cases" : "failing cases", max_failures,
               kind >= 0 ? ", kind " : "", kind >= 0 ? rt_failure_name((rt_failure)kind) : "");
        fwrite(fail_text, 1, fail_len, stdout);
    }
    free(fail_text);
    return 0;
}
