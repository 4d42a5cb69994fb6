/* SPDX-License-Identifier: GPL-3.0-or-later
 * input_internal.h: what input.c shares with input_json.c (not installed, not shared upwards):
 * the parse and range check that name an input as the user spelled it (an alias stays an alias),
 * and the one way (error.c) to add to an error's trace alone. */
#ifndef LIMEN_CORE_INPUT_INTERNAL_H
#define LIMEN_CORE_INPUT_INTERNAL_H

#include "limen/input.h"

/* limen_input_parse / limen_input_check_given with `label` naming the input in the message. */
int limen_input_parse_as(const limen_input *in, const char *label, const char *text, double *value,
                         limen_error *err);
int limen_input_check_as(const limen_input *in, const char *label, double v, limen_error *err);
/* LIMEN_EINVAL "<label> = <formatted message>", structured fields label, value, range. */
int limen_input_fail(limen_error *err, const char *label, const char *value, const char *range, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));
/* Put "<head>: " before err's trace only (error.c): the function and struct member behind a
 * message that names an input as the user gives it. */
void limen_error_trace_prepend(limen_error *err, const char *head);
/* The row names "a, b, c" into buf. */
void limen_input_names(const limen_input *table, size_t n, char *buf, size_t cap);

#endif
