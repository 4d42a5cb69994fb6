/* SPDX-License-Identifier: GPL-3.0-or-later
 * options.h: the option framework shared by the subcommands.
 *
 * A subcommand describes its options in an array of cli_opt (name, kind, unit, allowed range,
 * default, one-line help).  cli_opts_parse() then
 *   1. prints the generated help to stdout when --help / -h is present (status CLI_HELP),
 *   2. reads the command line with getopt_long (unique prefixes of long names are accepted),
 *   3. reads --config FILE, a JSON object whose keys are the long option names (without
 *      dashes); unknown keys, wrong types and malformed JSON are errors,
 *   4. merges both (a flag given on the command line wins over the same key in the file) and
 *   5. checks every value: numbers must be finite, fit a double and lie in the option's range;
 *      strings must be one of the option's choices when it has any.
 * Failure messages name the option, the value and the allowed range, e.g.
 *     "--temperature = -3: allowed range (0, 10000] K".
 */
#ifndef LIMEN_CLI_OPTIONS_H
#define LIMEN_CLI_OPTIONS_H

#include <stddef.h>

#include "cli/cli.h"
#include "limen/input.h"

typedef enum {
  CLI_OPT_DOUBLE = 0, /* a finite number in [lo, hi] (ends open as flagged)              */
  CLI_OPT_LONG = 1,   /* an integer in [lo, hi]                                           */
  CLI_OPT_STRING = 2, /* a string; one of `choices` when choices != NULL                  */
  CLI_OPT_LIST = 3,   /* strings; comma-separated values and repeated flags accumulate   */
  CLI_OPT_MULTI = 4,  /* strings; repeated flags accumulate, values are not split        */
  CLI_OPT_FLAG = 5    /* no value (config file: true/false)                              */
} cli_opt_kind;

/* Where a value came from. */
enum { CLI_UNSET = 0, CLI_FROM_CONFIG = 1, CLI_FROM_FLAG = 2 };

/* --debug was given (every command takes it): a failure also prints the library's trace. */
extern int cli_debug;

/* Extra status of cli_opts_parse: --help was printed; the command returns CLI_OK. */
#define CLI_HELP (-1)

enum { CLI_UNIT_ENERGY = 1, CLI_UNIT_CELL_TIME = 2 };

typedef struct cli_opt {
  /* description (filled by the subcommand) */
  const char *name;    /* long name without the dashes; also the config-file key   */
  cli_opt_kind kind;
  const char *metavar; /* value placeholder in the help ("KT", "S", "N")           */
  const char *unit;    /* unit printed after ranges and in the help, or NULL        */
  double lo, hi;       /* allowed range of numbers (±HUGE_VAL: unbounded)          */
  int lo_open, hi_open;
  const char *choices; /* STRING / LIST: allowed values "a,b,c", or NULL for any     */
  const char *def;     /* default as shown in the help, or NULL                     */
  const char *help;    /* one line                                                  */
  const char *alias;   /* a second long name (also accepted as config key), or NULL  */
  int integer;         /* DOUBLE: whole numbers only                                */
  /* results (filled by cli_opts_parse) */
  int set;             /* CLI_UNSET, CLI_FROM_CONFIG or CLI_FROM_FLAG               */
  double num;          /* DOUBLE and LONG                                           */
  long lnum;           /* LONG                                                      */
  const char *str;     /* STRING                                                    */
  const char **items;  /* LIST / MULTI                                              */
  size_t n_items;
  size_t cap_items; /* items allocated (grown geometrically: many options stay linear)      */
  int unit_text;    /* a value whose unit needs another option, held in str until the options
                       are read (cli_opts_parse), then converted into num: CLI_UNIT_ENERGY, a
                       DOUBLE in kT given with another energy unit ("2e-20J"), at the
                       command's temperature; CLI_UNIT_CELL_TIME, a duration in s given in
                       cell time ("20tau0"), with the command's --tau0; 0: none            */
} cli_opt;

/* Owns the strings and arrays that parsing produces; release with cli_args_free. */
typedef struct cli_args {
  void **blocks;
  size_t n_blocks, cap_blocks;
  char **positional;   /* the non-option arguments (pointers into argv)             */
  int n_positional;
  const char *config_path; /* --config FILE, or NULL                              */
} cli_args;

/* A subcommand's description for the generated help. */
typedef struct cli_command_doc {
  const char *name;     /* "bound"                                                  */
  const char *synopsis; /* "<landauer|finite-time|...> [options]"                    */
  const char *summary;  /* paragraph(s) printed under the usage line                 */
  const char *footer;   /* printed after the option list (examples), or NULL         */
} cli_command_doc;

void cli_args_init(cli_args *a);
void cli_args_free(cli_args *a);

/* Parse argv (argv[0] is the subcommand name).  Returns LIMEN_OK, CLI_HELP after printing
 * the help, or a LIMEN_E* code with err filled (the message names the option). */
int cli_opts_parse(const cli_command_doc *doc, cli_opt *opts, size_t n_opts, int argc, char **argv,
                   cli_args *args, limen_error *err);

/* Run a command whose only option is --format (table, csv or json): parse argv, then call
 * render(fmt, out, err) to build the whole output, and print it (nothing on failure).
 * Returns the exit status.  Used by `limen models` and `limen profiles`. */
struct cli_buf;
/* A listing of data (models, profiles): the built-in file with the user's files on top
 * (--catalog / --profiles FILE, repeatable: `overlay` names the option). */
typedef int (*cli_render_fn)(cli_format fmt, const char *const *files, size_t n_files, struct cli_buf *out,
                             limen_error *err);
int cli_run_listing(const cli_command_doc *doc, const char *overlay, int argc, char **argv, cli_render_fn render);


/* Look an option up by name (NULL when absent). */
cli_opt *cli_opt_find(cli_opt *opts, size_t n_opts, const char *name);

/* Parse a number for option o from text (strict, finite, in range). */
int cli_opt_parse_number(const cli_opt *o, const char *text, double *v, limen_error *err);
/* The same, and cell time ("100tau0") for an option in seconds, converted with the option tau0
 * (its value as given, or its default; NULL: a command without one). */
int cli_opt_parse_cell_time(const cli_opt *o, const char *text, const cli_opt *tau0, double *v, limen_error *err);

/* Error unless at most one of the named options is set: "--a conflicts with --b: ...". */
int cli_opts_conflict(cli_opt *opts, size_t n_opts, const char *a, const char *b, const char *why,
                      limen_error *err);

/* Format the allowed range of o, e.g. "(0, 10000] K", into buf. */
void cli_opt_range_text(const cli_opt *o, char *buf, size_t n);

/* Set err to exactly the formatted message (no function prefix); returns code. */
int cli_error(limen_error *err, int code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
/* Put `prefix` before err's message and set its code (the library's messages about an input
 * start with the input's name; the tool puts its spelling before it: "--"); returns code. */
int cli_error_prefix(limen_error *err, int code, const char *prefix);

/* A library message about one input starts with the input's name (err->field): put "--" before
 * it, the option's spelling; other messages (and a field with an underscore, a struct member's
 * or parameter's name) are left as they are.  Returns err->code. */
int cli_error_input(limen_error *err);

/* Option descriptions (results cleared). */
cli_opt cli_opt_num(const char *name, const char *metavar, const char *unit, double lo, int lo_open, double hi,
                    int hi_open, const char *def, const char *help);
cli_opt cli_opt_int(const char *name, const char *metavar, const char *unit, long lo, long hi, const char *def,
                    const char *help);
/* The option of a library input (input.h): its name, alias, placeholder, unit, range, whole-number
 * flag, default text and help, all from the row (a value ≤ 0 meaning "derived" is the library's
 * unset state; the option accepts only given values, in the row's range). */
cli_opt cli_opt_input(const limen_input *in);
/* kind CLI_OPT_STRING, CLI_OPT_LIST, CLI_OPT_MULTI or CLI_OPT_FLAG. */
cli_opt cli_opt_str(const char *name, cli_opt_kind kind, const char *metavar, const char *choices, const char *def,
                    const char *help);
/* --format with the choices every command has (table, csv, json; out_formats.c renders them),
 * its default and its help line. */
cli_opt cli_opt_format(const char *def, const char *help);
/* --resume of a command that checkpoints (simulate, validate: a run; train: an --experiment):
 * one declaration for all (interrupt.c). */
cli_opt cli_opt_resume(int experiment);

#endif
