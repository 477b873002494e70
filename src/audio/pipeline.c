/* SPDX-License-Identifier: BSD-3-Clause */
/* Pipelines: creation in their own region, completion, run order, free. */
#include <errno.h>

#include "fw_internal.h"

int pipeline_new(uint32_t id, uint32_t priority, size_t heap_bytes, struct pipeline **out)
{
	if (!out)
		return -EINVAL;
	if (heap_bytes > FW_MAX_HEAP_BYTES) {
		vr_log(VR_LOG_ERR, "pipeline %u: heap_bytes %zu above the cap", id, heap_bytes);
		return -EINVAL;
	}
	int err = -ENOMEM;
	struct audio_ctx *ctx = audio_ctx_create_sized(heap_bytes, &err);
	if (!ctx)
		return err;
	/* With a region, the pipeline object is its first lifetime allocation. */
	struct pipeline *p = sof_ctx_zalloc(ctx->core, SOF_MEM_FLAG_USER, sizeof(*p), 0);
	if (!p) {
		audio_ctx_release(ctx);
		return -ENOMEM;
	}
	p->id = id;
	p->priority = priority;
	p->status = PPL_STATUS_INIT;
	p->ctx = ctx;
	*out = p;
	return 0;
}

void pipeline_free(struct pipeline *p)
{
	if (!p)
		return;
	if (p->fw)
		for (struct processing_module *m = p->fw->modules; m; m = m->next)
			if (m->pipeline == p)
				m->pipeline = NULL; /* their holds keep the context alive (P2) */
	struct audio_ctx *ctx = p->ctx;
	if (!ctx)
		return; /* built by hand (SOF's tests do): its memory is its builder's (P1) */
	sof_ctx_free(ctx->core, p);
	audio_ctx_release(ctx);
}

struct vregion *pipeline_region(const struct pipeline *p)
{
	return p ? audio_ctx_region(p->ctx) : NULL;
}

struct audio_ctx *pipeline_ctx(const struct pipeline *p)
{
	return p ? p->ctx : NULL;
}

/* True when every input of @p m from inside @p p comes from a placed module. */
static bool inputs_placed(const struct processing_module *m, const struct pipeline *p)
{
	for (unsigned int i = 0; i < MODULE_MAX_PINS; i++) {
		const struct comp_buffer *b = m->sources[i];
		if (b && b->source && b->source->pipeline == p && !b->source->order_mark)
			return false;
	}
	return true;
}

/*
 * Order the pipeline's modules upstream first (creation order among equals).
 * Returns 0, -EINVAL when the pipeline is empty, -ELOOP when its buffers form
 * a loop (the modules on it are appended in creation order).
 */
int pipeline_build_run_order(struct fw_instance *fw, struct pipeline *p)
{
	size_t n = 0;
	for (struct processing_module *m = fw->modules; m; m = m->next) {
		m->order_mark = 0;
		if (m->pipeline == p)
			n++;
	}
	struct processing_module *head = NULL, **tail = &head;
	size_t placed = 0;
	bool progress = true;
	while (placed < n && progress) {
		progress = false;
		for (struct processing_module *m = fw->modules; m; m = m->next) {
			if (m->pipeline != p || m->order_mark || !inputs_placed(m, p))
				continue;
			m->order_mark = 1;
			*tail = m;
			tail = &m->ppl_next;
			placed++;
			progress = true;
		}
	}
	int ret = placed < n ? -ELOOP : 0;
	for (struct processing_module *m = fw->modules; m && placed < n; m = m->next) {
		if (m->pipeline == p && !m->order_mark) {
			m->order_mark = 1;
			*tail = m;
			tail = &m->ppl_next;
			placed++;
		}
	}
	*tail = NULL;
	p->run_order = head;
	return n ? ret : -EINVAL;
}

int pipeline_complete(struct fw_instance *fw, struct pipeline *p)
{
	if (p->status != PPL_STATUS_INIT)
		return -EINVAL;
	int ret = pipeline_build_run_order(fw, p);
	if (ret) {
		vr_log(VR_LOG_ERR, "pipeline %u: cannot complete (%s)", p->id,
		       ret == -ELOOP ? "loop" : "no module");
		return -EINVAL;
	}
	for (struct processing_module *m = p->run_order; m; m = m->ppl_next)
		if (m->domain == MODULE_DOMAIN_DP)
			vregion_set_interim(audio_ctx_region(m->res.ctx));
	vregion_set_interim(audio_ctx_region(p->ctx));
	/* Rings that waited for a region to leave lifetime mode are made now. */
	for (struct comp_buffer *b = fw->buffers; b; b = b->next)
		if (buffer_alloc_ring(b))
			return -ENOMEM;
	p->status = PPL_STATUS_READY;
	return 0;
}
