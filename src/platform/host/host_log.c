/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Host log hook: one line per message on stderr, prefixed with the level.
 * VREGION_LOG_LEVEL in the environment (0 err .. 3 debug; default 1, warn)
 * picks how much is shown; tests that provoke errors set it to 0 or -1.
 */
#define _DEFAULT_SOURCE /* mmap flags, flockfile */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#include <vregion/platform.h>

static int threshold = VR_LOG_WARN;
static pthread_once_t threshold_once = PTHREAD_ONCE_INIT;

static void read_threshold(void)
{
	const char *env = getenv("VREGION_LOG_LEVEL");
	if (env)
		threshold = atoi(env);
}

static int log_threshold(void)
{
	pthread_once(&threshold_once, read_threshold);
	return threshold;
}

void vr_log(enum vr_log_level level, const char *fmt, ...)
{
	static const char *const names[] = {"error", "warning", "info", "debug"};
	if ((int)level > log_threshold())
		return;
	va_list ap;
	va_start(ap, fmt);
	flockfile(stderr);
	fprintf(stderr, "vregion %s: ", names[level]);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	funlockfile(stderr);
	va_end(ap);
}
