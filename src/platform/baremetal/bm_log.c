/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Bare-metal log hook: hands each line to the integrator's callback, or
 * drops it. No formatting happens here, so the core pulls in no stdio.
 */
#include <vregion/baremetal.h>

static vr_bm_log_fn log_fn;
static enum vr_log_level log_max = VR_LOG_WARN;

void vr_bm_set_log(vr_bm_log_fn fn, enum vr_log_level max_level)
{
	log_fn = fn;
	log_max = max_level;
}

void vr_log(enum vr_log_level level, const char *fmt, ...)
{
	vr_bm_log_fn fn = log_fn;
	if (!fn || level > log_max)
		return;
	va_list ap;
	va_start(ap, fmt);
	fn(level, fmt, ap);
	va_end(ap);
}
