/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host log hook: one line per message on stderr, prefixed with the level.
 * VREGION_LOG_LEVEL in the environment (0 err .. 3 debug; default 1, warn;
 * -1 silences) picks how much is shown. A sink set with vr_log_set_sink()
 * receives every line instead, whatever the level.
 */
#define _DEFAULT_SOURCE /* flockfile */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <vregion/log_sink.h>
#include <vregion/platform.h>

static int threshold = VR_LOG_WARN;
static pthread_once_t threshold_once = PTHREAD_ONCE_INIT;
static vr_log_sink_fn sink_fn;
static void *sink_arg;

static void read_threshold(void)
{
	const char *env = getenv("VREGION_LOG_LEVEL");
	if (env)
		threshold = atoi(env);
}

void vr_log_set_sink(vr_log_sink_fn sink, void *arg)
{
	sink_fn = sink;
	sink_arg = arg;
}

void vr_log(enum vr_log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"error", "warning", "info", "debug"};
	char line[256];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(line, sizeof(line), fmt, ap);
	va_end(ap);
	if (sink_fn) {
		sink_fn(level, line, sink_arg);
		return;
	}
	pthread_once(&threshold_once, read_threshold);
	if ((int)level > threshold)
		return;
	flockfile(stderr);
	fprintf(stderr, "vregion %s: %s\n", names[level], line);
	funlockfile(stderr);
}
