/* libFuzzer target: HTML extraction of arbitrary bytes, charset sniffing
 * and decoding included.  Any outcome but a crash, a leak or a sanitizer
 * report is fine; the text cap is small so that huge outputs are cut. */
#include "add/extract.h"

#include <stdint.h>
#include <stdlib.h>

enum { FUZZ_MAX_TEXT = 64 * 1024 };

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ds__extracted x;
    ds_error err;
    ds__html_extract((const char *)data, size, "fuzz.html", FUZZ_MAX_TEXT, &x, &err);
    ds__extracted_free(&x);
    return 0;
}
