/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Pipeline messages (reference §2-§3, §9): errno of the framework to the
 * status the reference gives for each failure.
 */
#include <errno.h>

#include <vregion/audio/fw.h>
#include <vregion/platform.h>

#include "handler_internal.h"

/* Highest ppl_priority the protocol defines (0 runs first). */
#define IPC4_MAX_PRIORITY 7u

uint32_t ipc4_h_create_pipeline(struct ipc4_fw *h, const struct ipc4_create_pipeline *m)
{
	size_t heap = m->has_mem_data ? m->mem_data.heap_bytes : 0;
	int ret;

	if (m->core_id >= h->cores)
		return IPC4_INVALID_CORE_ID;
	/* 0xFF means "no parent" to INIT_INSTANCE: no module could join it (§12.12) */
	if (m->ppl_priority > IPC4_MAX_PRIORITY || m->instance_id == IPC4_INVALID_PIPELINE_ID)
		return IPC4_ERROR_INVALID_PARAM;
	ret = fw_pipeline_new(h->fw, m->instance_id, m->ppl_priority, heap);
	switch (ret) {
	case 0:
		return IPC4_SUCCESS;
	case -EEXIST:
		return IPC4_INVALID_RESOURCE_ID;  /* SOF's code for a taken pipeline id */
	case -ENOMEM:
		return IPC4_OUT_OF_MEMORY;
	default:
		return IPC4_ERROR_INVALID_PARAM;  /* heap_bytes above the cap */
	}
}

uint32_t ipc4_h_delete_pipeline(struct ipc4_fw *h, const struct ipc4_delete_pipeline *m)
{
	int ret = fw_pipeline_delete(h->fw, m->instance_id);

	switch (ret) {
	case 0:
		return IPC4_SUCCESS;
	case -ENOENT:
		return IPC4_INVALID_RESOURCE_ID;
	default:
		return IPC4_INVALID_RESOURCE_STATE;  /* not idle: nothing deleted */
	}
}

static uint32_t set_state_status(int ret)
{
	switch (ret) {
	case 0:
		return IPC4_SUCCESS;
	case -ENOENT:
		return IPC4_INVALID_RESOURCE_ID;
	case -EINVAL:
		return IPC4_INVALID_REQUEST;   /* illegal transition, completion or prepare failed */
	default:
		return IPC4_PIPELINE_STATE_NOT_SET;  /* a trigger failed */
	}
}

/*
 * The framework looks up and checks every listed pipeline before any moves,
 * so an unknown id or an illegal transition changes nothing (SOF moves the
 * ones before the culprit). Only a completion or prepare failing for want of
 * resources can leave earlier pipelines moved; that is logged.
 */
uint32_t ipc4_h_set_pipeline_state(struct ipc4_fw *h, const struct ipc4_set_pipeline_state *m)
{
	const uint32_t *ids = m->multi_ppl ? m->ppl_ids : &m->ppl_id;
	uint32_t n = m->multi_ppl ? m->count : 1, moved = 0;
	int ret = fw_pipelines_set_state(h->fw, ids, n, m->ppl_state, &moved);

	if (ret && moved)
		vr_log(VR_LOG_WARN, "ipc4: pipelines before %u already moved", ids[moved]);
	return set_state_status(ret);
}

uint32_t ipc4_h_get_pipeline_state(struct ipc4_fw *h, const struct ipc4_get_pipeline_state *m,
				   struct ipc4_reply *rep)
{
	uint32_t state = 0;

	if (fw_pipeline_get_state(h->fw, m->ppl_id, &state))
		return IPC4_INVALID_RESOURCE_ID;
	rep->frame.extension = ipc4_get_pipeline_state_reply_ext(state);
	return IPC4_SUCCESS;
}
