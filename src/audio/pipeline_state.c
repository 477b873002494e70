/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The pipeline state machine as the IPC4 firmware enforces it
 * (ipc4-subset.md section 9), executed synchronously.
 */
#include <errno.h>

#include "fw_internal.h"

static void modules_stop(struct pipeline *p)
{
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		dp_task_stop(m);
		m->state = COMP_STATE_PREPARE;
	}
}

/* Every module back to READY, its input buffers emptied. */
static void modules_reset(struct pipeline *p)
{
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		dp_task_stop(m);
		if (m->type->ops->reset)
			m->type->ops->reset(m);
		for (unsigned int i = 0; i < MODULE_MAX_PINS; i++)
			if (m->sources[i])
				buffer_reset(m->sources[i]);
		m->state = COMP_STATE_READY;
	}
	p->status = PPL_STATUS_READY;
}

static int modules_prepare(struct pipeline *p)
{
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		int ret = m->type->ops->prepare ? m->type->ops->prepare(m) : 0;
		if (ret) {
			vr_log(VR_LOG_ERR, "pipeline %u: prepare of %s failed (%d)", p->id,
			       m->name, ret);
			modules_reset(p);
			return -EINVAL;
		}
		m->state = COMP_STATE_PREPARE;
		for (unsigned int i = 0; i < MODULE_MAX_PINS; i++)
			if (m->sources[i])
				buffer_reset(m->sources[i]);
	}
	p->status = PPL_STATUS_PREPARE;
	return 0;
}

/* START or RELEASE: every module ACTIVE, DP threads allowed to run. */
static void modules_run(struct pipeline *p)
{
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		m->state = COMP_STATE_ACTIVE;
		dp_task_start(m);
	}
	p->status = PPL_STATUS_ACTIVE;
}

static void modules_pause(struct pipeline *p)
{
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next) {
		dp_task_stop(m);
		m->state = COMP_STATE_PAUSED;
	}
	p->status = PPL_STATUS_PAUSED;
}

/* IPC4 reports every completion failure (even out of memory) as an invalid request. */
static int complete(struct fw_instance *fw, struct pipeline *p)
{
	return pipeline_complete(fw, p) ? -EINVAL : 0;
}

static int to_reset(struct fw_instance *fw, struct pipeline *p)
{
	switch (p->status) {
	case PPL_STATUS_INIT:
		return complete(fw, p);
	case PPL_STATUS_READY:
		return 0;
	case PPL_STATUS_ACTIVE:
	case PPL_STATUS_PAUSED:
		modules_stop(p);
		modules_reset(p);
		p->eos = false;
		return 0;
	default: /* PREPARE */
		return -EINVAL;
	}
}

static int to_paused(struct fw_instance *fw, struct pipeline *p)
{
	switch (p->status) {
	case PPL_STATUS_INIT:
		return complete(fw, p);
	case PPL_STATUS_PREPARE:
		/* Only after a failed start: treat as reset (ipc4-subset 9.3 [REC]). */
		modules_reset(p);
		return 0;
	case PPL_STATUS_ACTIVE:
		modules_pause(p);
		p->eos = false;
		return 0;
	default: /* READY, PAUSED: nothing to do */
		return 0;
	}
}

static int to_running(struct pipeline *p)
{
	if (p->eos)
		return -EINVAL;
	switch (p->status) {
	case PPL_STATUS_READY: {
		int ret = modules_prepare(p);
		if (ret)
			return ret;
		modules_run(p);
		return 0;
	}
	case PPL_STATUS_PAUSED:
		modules_run(p);
		return 0;
	case PPL_STATUS_ACTIVE:
		return 0;
	default: /* INIT (never completed), PREPARE */
		return -EINVAL;
	}
}

/*
 * Whether @p target is a legal move from the pipeline's state: the one place
 * the transition rules live, so a batch can be checked before any pipeline
 * moves. Completion and prepare can still fail later, for want of memory or
 * modules; only those failures reach the actions below.
 */
int pipeline_state_check(const struct pipeline *p, uint32_t target)
{
	switch (target) {
	case FW_PPL_STATE_RESET:
		return p->status == PPL_STATUS_PREPARE ? -EINVAL : 0;
	case FW_PPL_STATE_PAUSED:
		return 0;
	case FW_PPL_STATE_RUNNING:
		if (p->eos)
			return -EINVAL;
		return p->status == PPL_STATUS_READY || p->status == PPL_STATUS_PAUSED ||
		       p->status == PPL_STATUS_ACTIVE ? 0 : -EINVAL;
	case FW_PPL_STATE_EOS:
		return p->status == PPL_STATUS_ACTIVE ? 0 : -EINVAL;
	default:
		return -EINVAL;
	}
}

int pipeline_set_state(struct fw_instance *fw, struct pipeline *p, uint32_t target)
{
	int ret = pipeline_state_check(p, target);

	if (ret)
		return ret;
	switch (target) {
	case FW_PPL_STATE_RESET:
		return to_reset(fw, p);
	case FW_PPL_STATE_PAUSED:
		return to_paused(fw, p);
	case FW_PPL_STATE_RUNNING:
		return to_running(p);
	case FW_PPL_STATE_EOS:
		p->eos = true;
		return 0;
	default:
		return -EINVAL;
	}
}

uint32_t pipeline_get_state(const struct pipeline *p)
{
	switch (p->status) {
	case PPL_STATUS_INIT:
		return FW_PPL_STATE_UNINITIALIZED;
	case PPL_STATUS_READY:
		return FW_PPL_STATE_RESET;
	case PPL_STATUS_PREPARE:
	case PPL_STATUS_PAUSED:
		return FW_PPL_STATE_PAUSED;
	default:
		return p->eos ? FW_PPL_STATE_EOS : FW_PPL_STATE_RUNNING;
	}
}
