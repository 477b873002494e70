/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * LL scheduling: one period at a time on the caller's thread (the testbench
 * calls it as fast as it can; fw_ll_run() can pace it to real time).
 */
#include <errno.h>
#include <time.h>

#include "fw_internal.h"

/* One period of one ACTIVE pipeline: LL modules in order, then DP ticks. */
int ll_run_pipeline(struct pipeline *p)
{
	int failed = 0;
	p->periods++;
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		if (m->domain != MODULE_DOMAIN_LL)
			continue;
		if (m->type->ops->process(m))
			failed++;
		m->periods++;
	}
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next)
		if (m->domain == MODULE_DOMAIN_DP)
			dp_task_tick(m);
	return failed;
}

int fw_ll_run_period(struct fw_instance *fw)
{
	if (!fw)
		return -EINVAL;
	int failed = 0;
	vr_lock_take(&fw->lock);
	for (struct pipeline *p = fw->pipelines; p; p = p->next)
		if (p->status == PPL_STATUS_ACTIVE)
			failed += ll_run_pipeline(p);
	vr_lock_give(&fw->lock);
	return failed;
}

static void add_ns(struct timespec *t, long ns)
{
	t->tv_nsec += ns;
	while (t->tv_nsec >= 1000000000L) {
		t->tv_nsec -= 1000000000L;
		t->tv_sec++;
	}
}

long fw_ll_run(struct fw_instance *fw, unsigned long periods, bool realtime)
{
	if (!fw)
		return -EINVAL;
	long failed = 0;
	struct timespec next;
	clock_gettime(CLOCK_MONOTONIC, &next);
	long period_ns = (long)fw->cfg.period_us * 1000L;
	for (unsigned long i = 0; i < periods; i++) {
		if (realtime) {
			add_ns(&next, period_ns);
			while (clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL) == EINTR)
				;
		}
		failed += fw_ll_run_period(fw);
	}
	return failed;
}
