#include "cli.h"
int cmd_places(cli_globals *g, int argc, char **argv){(void)g;(void)argc;(void)argv;return 1;}
