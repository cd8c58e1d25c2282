#include "core.h"

#include <ctype.h>
#include <string.h>

bool ds_str_ieq(const char *a, const char *b)
{
    if (!a || !b)
        return false;
    while (*a && tolower((unsigned char)*a) == tolower((unsigned char)*b))
        a++, b++;
    return *a == *b;
}

bool ds_str_iprefix(const char *s, const char *prefix)
{
    while (*prefix) {
        if (tolower((unsigned char)*s) != tolower((unsigned char)*prefix))
            return false;
        s++, prefix++;
    }
    return true;
}

char *ds_str_trim(char *s)
{
    while (isspace((unsigned char)*s))
        s++;
    size_t n = strlen(s);
    while (n && isspace((unsigned char)s[n - 1]))
        s[--n] = '\0';
    return s;
}
