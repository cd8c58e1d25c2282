#include "extract.h"

#include <string.h>

void ds__extracted_free(ds__extracted *x)
{
    if (!x)
        return;
    ds_free(x->text);
    ds_free(x->title);
    ds_free(x->author);
    ds_free(x->published);
    ds_free(x->url);
    ds_free(x->lang);
    ds_free(x->site_name);
    memset(x, 0, sizeof *x);
}
