/* SPDX-License-Identifier: BSD-3-Clause */
/* The firmware instance: lists, lookups and the calls an IPC front end makes. */
#include <errno.h>
#include <string.h>

#include "fw_internal.h"

#include <vregion/sysheap.h>

static size_t or_default(size_t v, size_t d)
{
	return v ? v : d;
}

struct fw_instance *fw_new(const struct fw_config *cfg)
{
	struct fw_instance *fw = sys_heap_zalloc(sizeof(*fw), 0);
	if (!fw)
		return NULL;
	if (cfg)
		fw->cfg = *cfg;
	fw->cfg.period_us = (uint32_t)or_default(fw->cfg.period_us, FW_DEFAULT_PERIOD_US);
	fw->cfg.dp_default_heap = or_default(fw->cfg.dp_default_heap, FW_DP_DEFAULT_HEAP_BYTES);
	fw->cfg.max_heap = or_default(fw->cfg.max_heap, FW_MAX_HEAP_BYTES);
	if (fw->cfg.max_heap > FW_MAX_HEAP_BYTES)
		fw->cfg.max_heap = FW_MAX_HEAP_BYTES;
	fw->cfg.dp_default_stack = or_default(fw->cfg.dp_default_stack, FW_DP_DEFAULT_STACK_BYTES);
	fw->cfg.dp_min_stack = or_default(fw->cfg.dp_min_stack, FW_DP_MIN_STACK_BYTES);
	fw->fg = fast_get_cache_new();
	if (!fw->fg || vr_lock_init(&fw->lock)) {
		fast_get_cache_delete(fw->fg);
		sys_heap_free(fw);
		return NULL;
	}
	return fw;
}

const struct fw_config *fw_get_config(const struct fw_instance *fw)
{
	return fw ? &fw->cfg : NULL;
}

int fw_register_module_type(struct fw_instance *fw, const struct module_type *type)
{
	if (!fw || !type || !type->ops || !type->ops->init || !type->ops->process)
		return -EINVAL;
	int ret = 0;
	vr_lock_take(&fw->lock);
	for (size_t i = 0; i < fw->ntypes; i++)
		if (fw->types[i]->id == type->id)
			ret = -EEXIST;
	if (!ret && fw->ntypes == FW_MAX_MODULE_TYPES)
		ret = -ENOSPC;
	if (!ret)
		fw->types[fw->ntypes++] = type;
	vr_lock_give(&fw->lock);
	return ret;
}

const struct module_type *fw_find_module_type(struct fw_instance *fw, uint32_t module_id)
{
	const struct module_type *t = NULL;
	if (!fw)
		return NULL;
	vr_lock_take(&fw->lock);
	for (size_t i = 0; i < fw->ntypes; i++)
		if (fw->types[i]->id == module_id)
			t = fw->types[i];
	vr_lock_give(&fw->lock);
	return t;
}

/* ---- lookups (lock held) ---- */

static struct pipeline *find_pipeline(struct fw_instance *fw, uint32_t id)
{
	for (struct pipeline *p = fw->pipelines; p; p = p->next)
		if (p->id == id)
			return p;
	return NULL;
}

static struct processing_module *find_module(struct fw_instance *fw, uint32_t mid, uint32_t iid)
{
	for (struct processing_module *m = fw->modules; m; m = m->next)
		if (m->module_id == mid && m->instance_id == iid)
			return m;
	return NULL;
}

struct pipeline *fw_pipeline_find(struct fw_instance *fw, uint32_t id)
{
	if (!fw)
		return NULL;
	vr_lock_take(&fw->lock);
	struct pipeline *p = find_pipeline(fw, id);
	vr_lock_give(&fw->lock);
	return p;
}

struct processing_module *fw_module_find(struct fw_instance *fw, uint32_t module_id,
					 uint32_t instance_id)
{
	if (!fw)
		return NULL;
	vr_lock_take(&fw->lock);
	struct processing_module *m = find_module(fw, module_id, instance_id);
	vr_lock_give(&fw->lock);
	return m;
}

/* ---- pipelines ---- */

int fw_pipeline_new(struct fw_instance *fw, uint32_t id, uint32_t priority, size_t heap_bytes)
{
	if (!fw)
		return -EINVAL;
	if (heap_bytes > fw->cfg.max_heap)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	int ret = find_pipeline(fw, id) ? -EEXIST : 0;
	struct pipeline *p = NULL;
	if (!ret)
		ret = pipeline_new(id, priority, heap_bytes, &p);
	if (!ret) {
		p->fw = fw;
		struct pipeline **pp = &fw->pipelines;
		while (*pp && (*pp)->priority <= priority)
			pp = &(*pp)->next;
		p->next = *pp;
		*pp = p;
	}
	vr_lock_give(&fw->lock);
	return ret;
}

static void quiesce_ends(struct comp_buffer *b)
{
	if (b->source)
		dp_task_quiesce(b->source);
	if (b->sink)
		dp_task_quiesce(b->sink);
}

static void resume_ends(struct processing_module *src, struct processing_module *sink)
{
	if (src)
		dp_task_resume(src);
	if (sink)
		dp_task_resume(sink);
}

/* Keep a pipeline's run order true after a topology change (cheap: O(modules^2)). */
static void refresh_order(struct fw_instance *fw, struct pipeline *p)
{
	if (p)
		pipeline_build_run_order(fw, p);
}

/* The modules' unbind hooks (source first); the first error is returned. */
static int unbind_hooks(struct comp_buffer *b)
{
	int ret = 0, r;
	struct processing_module *src = b->source, *sink = b->sink;
	quiesce_ends(b);
	if (src && src->type->ops->unbind) {
		r = src->type->ops->unbind(src, b, false, b->source_pin);
		ret = ret ? ret : r;
	}
	if (sink && sink->type->ops->unbind) {
		r = sink->type->ops->unbind(sink, b, true, b->sink_pin);
		ret = ret ? ret : r;
	}
	resume_ends(src, sink);
	return ret;
}

/* Disconnect @p b from both ends, unlink it and free it. */
static void buffer_drop(struct fw_instance *fw, struct comp_buffer *b)
{
	struct processing_module *src = b->source, *sink = b->sink;
	quiesce_ends(b);
	if (src)
		src->sinks[b->source_pin] = NULL;
	if (sink)
		sink->sources[b->sink_pin] = NULL;
	resume_ends(src, sink);
	for (struct comp_buffer **pp = &fw->buffers; *pp; pp = &(*pp)->next) {
		if (*pp == b) {
			*pp = b->next;
			break;
		}
	}
	buffer_free(b);
	refresh_order(fw, src ? src->pipeline : NULL);
	if (sink && (!src || sink->pipeline != src->pipeline))
		refresh_order(fw, sink->pipeline);
}

static void module_drop(struct fw_instance *fw, struct processing_module *m)
{
	dp_task_quiesce(m);
	for (unsigned int i = 0; i < MODULE_MAX_PINS; i++) {
		struct comp_buffer *bufs[2] = { m->sources[i], m->sinks[i] };
		for (int k = 0; k < 2; k++) {
			if (!bufs[k])
				continue;
			unbind_hooks(bufs[k]); /* deletion goes on whatever they say */
			buffer_drop(fw, bufs[k]);
		}
	}
	for (struct processing_module **pp = &fw->modules; *pp; pp = &(*pp)->next) {
		if (*pp == m) {
			*pp = m->next;
			break;
		}
	}
	struct pipeline *p = m->pipeline;
	dp_task_resume(m);
	module_destroy(m);
	refresh_order(fw, p);
}

static bool pipeline_idle(struct fw_instance *fw, struct pipeline *p)
{
	if (p->status != PPL_STATUS_INIT && p->status != PPL_STATUS_READY)
		return false;
	for (struct processing_module *m = fw->modules; m; m = m->next)
		if (m->pipeline == p && m->state != COMP_STATE_READY)
			return false;
	return true;
}

static void pipeline_drop(struct fw_instance *fw, struct pipeline *p)
{
	struct processing_module *m = fw->modules;
	while (m) {
		struct processing_module *next = m->next;
		if (m->pipeline == p) {
			module_drop(fw, m);
			next = fw->modules; /* the list changed; restart */
		}
		m = next;
	}
	for (struct pipeline **pp = &fw->pipelines; *pp; pp = &(*pp)->next) {
		if (*pp == p) {
			*pp = p->next;
			break;
		}
	}
	pipeline_free(p);
}

int fw_pipeline_delete(struct fw_instance *fw, uint32_t id)
{
	if (!fw)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct pipeline *p = find_pipeline(fw, id);
	int ret = !p ? -ENOENT : !pipeline_idle(fw, p) ? -EBUSY : 0;
	if (!ret)
		pipeline_drop(fw, p);
	vr_lock_give(&fw->lock);
	return ret;
}

int fw_pipeline_set_state(struct fw_instance *fw, uint32_t id, uint32_t target)
{
	if (!fw)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct pipeline *p = find_pipeline(fw, id);
	int ret = p ? pipeline_set_state(fw, p, target) : -ENOENT;
	vr_lock_give(&fw->lock);
	return ret;
}

static int batch_check(struct fw_instance *fw, const uint32_t *ids, uint32_t n, uint32_t target)
{
	for (uint32_t i = 0; i < n; i++) {
		struct pipeline *p = find_pipeline(fw, ids[i]);
		int ret = p ? pipeline_state_check(p, target) : -ENOENT;
		if (ret)
			return ret;
	}
	return 0;
}

int fw_pipelines_set_state(struct fw_instance *fw, const uint32_t *ids, uint32_t n,
			   uint32_t target, uint32_t *moved)
{
	uint32_t done = 0;

	if (!fw || (n && !ids))
		return -EINVAL;
	vr_lock_take(&fw->lock);
	int ret = batch_check(fw, ids, n, target);
	for (; !ret && done < n; done++)
		ret = pipeline_set_state(fw, find_pipeline(fw, ids[done]), target);
	vr_lock_give(&fw->lock);
	if (ret && done)
		done--;   /* the last one tried did not move */
	if (moved)
		*moved = done;
	return ret;
}

int fw_pipeline_get_state(struct fw_instance *fw, uint32_t id, uint32_t *state)
{
	if (!fw || !state)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct pipeline *p = find_pipeline(fw, id);
	if (p)
		*state = pipeline_get_state(p);
	vr_lock_give(&fw->lock);
	return p ? 0 : -ENOENT;
}

/* ---- modules ---- */

int fw_module_new(struct fw_instance *fw, const struct fw_module_params *params,
		  struct processing_module **out)
{
	if (!fw || !params)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct pipeline *p = NULL;
	int ret = 0;
	if (find_module(fw, params->module_id, params->instance_id))
		ret = -EEXIST;
	if (!ret && params->pipeline_id != FW_NO_PIPELINE) {
		p = find_pipeline(fw, params->pipeline_id);
		if (!p)
			ret = -ENOENT;
	}
	struct processing_module *m = NULL;
	if (!ret)
		ret = module_create(fw, params, p, &m);
	if (!ret) {
		struct processing_module **pp = &fw->modules;
		while (*pp)
			pp = &(*pp)->next;
		*pp = m;
		refresh_order(fw, p);
		if (out)
			*out = m;
	}
	vr_lock_give(&fw->lock);
	return ret;
}

int fw_module_delete(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id)
{
	if (!fw)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct processing_module *m = find_module(fw, module_id, instance_id);
	int ret = !m ? -ENOENT : m->state != COMP_STATE_READY ? -EBUSY : 0;
	if (!ret)
		module_drop(fw, m);
	vr_lock_give(&fw->lock);
	return ret;
}

/* ---- binding ---- */

static int bind_locked(struct fw_instance *fw, struct processing_module *src, uint32_t src_pin,
		       struct processing_module *dst, uint32_t dst_pin)
{
	if (src_pin >= MODULE_MAX_PINS || dst_pin >= MODULE_MAX_PINS || src == dst)
		return -EINVAL;
	bool src_dp = src->domain == MODULE_DOMAIN_DP, dst_dp = dst->domain == MODULE_DOMAIN_DP;
	if (src_dp && dst_dp)
		return -EINVAL;
	if (src->sinks[src_pin] || dst->sources[dst_pin])
		return -EBUSY;
	size_t big = dst->ibs > src->obs ? dst->ibs : src->obs;
	size_t bytes = 2u * (src_dp ? dst->ibs : big);
	if (!bytes)
		return -EINVAL;
	/* The DP end's region, else the source's context (its pipeline's region). */
	struct audio_ctx *ctx = src_dp ? src->res.ctx : dst_dp ? dst->res.ctx : src->res.ctx;
	struct audio_fmt fmt = dst->in_fmt;
	if (!audio_fmt_frame_bytes(&fmt))
		fmt = src->out_fmt;
	struct comp_buffer *b = buffer_new(ctx, bytes, &fmt);
	if (!b)
		return -ENOMEM;
	buffer_set_shared(b, src_dp || dst_dp);
	b->source = src;
	b->sink = dst;
	b->source_pin = src_pin;
	b->sink_pin = dst_pin;
	b->id = (dst_pin << 16) | src_pin;
	dp_task_quiesce(src);
	dp_task_quiesce(dst);
	src->sinks[src_pin] = b;
	dst->sources[dst_pin] = b;
	resume_ends(src, dst);
	b->next = fw->buffers;
	fw->buffers = b;
	int ret = 0;
	dp_task_quiesce(src);
	dp_task_quiesce(dst);
	if (src->type->ops->bind)
		ret = src->type->ops->bind(src, b, false, src_pin);
	if (!ret && dst->type->ops->bind) {
		ret = dst->type->ops->bind(dst, b, true, dst_pin);
		/* the source accepted it: tell it the buffer goes away again */
		if (ret && src->type->ops->unbind)
			src->type->ops->unbind(src, b, false, src_pin);
	}
	resume_ends(src, dst);
	if (ret) {
		buffer_drop(fw, b); /* a refusing hook undoes the bind */
		return ret;
	}
	refresh_order(fw, src->pipeline);
	if (dst->pipeline != src->pipeline)
		refresh_order(fw, dst->pipeline);
	return 0;
}

int fw_bind(struct fw_instance *fw, uint32_t src_module, uint32_t src_instance, uint32_t src_pin,
	    uint32_t dst_module, uint32_t dst_instance, uint32_t dst_pin)
{
	if (!fw)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct processing_module *src = find_module(fw, src_module, src_instance);
	struct processing_module *dst = find_module(fw, dst_module, dst_instance);
	int ret = src && dst ? bind_locked(fw, src, src_pin, dst, dst_pin) : -ENOENT;
	vr_lock_give(&fw->lock);
	return ret;
}

int fw_unbind(struct fw_instance *fw, uint32_t src_module, uint32_t src_instance, uint32_t src_pin,
	      uint32_t dst_module, uint32_t dst_instance, uint32_t dst_pin)
{
	if (!fw)
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct processing_module *src = find_module(fw, src_module, src_instance);
	struct processing_module *dst = find_module(fw, dst_module, dst_instance);
	struct comp_buffer *b = NULL;
	if (src && dst && src_pin < MODULE_MAX_PINS)
		b = src->sinks[src_pin];
	int ret = b && b->sink == dst && b->sink_pin == dst_pin ? 0 : -ENOENT;
	if (!ret) {
		ret = unbind_hooks(b);
		buffer_drop(fw, b);
	}
	vr_lock_give(&fw->lock);
	return ret;
}

struct comp_buffer *fw_module_sink_buffer(struct processing_module *mod, uint32_t pin)
{
	return mod && pin < MODULE_MAX_PINS ? mod->sinks[pin] : NULL;
}

/* ---- configuration ---- */

static int deliver(struct processing_module *m, uint32_t param, const uint8_t *data, size_t size)
{
	dp_task_quiesce(m);
	int ret = m->type->ops->set_configuration(m, param, data, size);
	dp_task_resume(m);
	return ret;
}

static void stage_drop(struct processing_module *m)
{
	mod_free(m, m->cfg_stage);
	m->cfg_stage = NULL;
	m->cfg_stage_size = 0;
	m->cfg_stage_fill = 0;
}

static int set_fragment(struct processing_module *m, uint32_t param, bool init, bool final,
			uint32_t off_size, const uint8_t *data, size_t size)
{
	if (init) {
		if (m->cfg_stage)
			return -EBUSY;
		if (off_size > FW_MAX_BLOB_BYTES || size > off_size)
			return -EINVAL;
		if (!off_size)
			return 0;
		if (final) {
			if (size != off_size)
				return -EINVAL;
			return deliver(m, param, data, size);
		}
		m->cfg_stage = mod_alloc(m, off_size);
		if (!m->cfg_stage)
			return -ENOMEM;
		m->cfg_stage_size = off_size;
		m->cfg_stage_param = param;
		memcpy(m->cfg_stage, data, size);
		m->cfg_stage_fill = size;
		return 0;
	}
	/* a continuation must extend the open transfer of the same parameter;
	 * only the final fragment may reach the announced total */
	if (!m->cfg_stage || param != m->cfg_stage_param || off_size != m->cfg_stage_fill ||
	    size > m->cfg_stage_size - off_size ||
	    (!final && size == m->cfg_stage_size - off_size)) {
		if (m->cfg_stage)
			stage_drop(m);
		return -EINVAL;
	}
	memcpy(m->cfg_stage + off_size, data, size);
	m->cfg_stage_fill += size;
	if (!final)
		return 0;
	int ret = m->cfg_stage_fill == m->cfg_stage_size ?
		  deliver(m, m->cfg_stage_param, m->cfg_stage, m->cfg_stage_size) : -EINVAL;
	stage_drop(m);
	return ret;
}

int fw_module_set_large_config(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id,
			       uint32_t param_id, bool init_block, bool final_block,
			       uint32_t data_off_size, const void *data, size_t size)
{
	if (!fw || (size && !data))
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct processing_module *m = find_module(fw, module_id, instance_id);
	int ret = !m ? -ENOENT : !m->type->ops->set_configuration ? -ENOSYS : 0;
	if (!ret)
		ret = set_fragment(m, param_id, init_block, final_block, data_off_size, data, size);
	vr_lock_give(&fw->lock);
	return ret;
}

int fw_module_get_large_config(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id,
			       uint32_t param_id, void *data, size_t *size)
{
	if (!fw || !size || (*size && !data))
		return -EINVAL;
	vr_lock_take(&fw->lock);
	struct processing_module *m = find_module(fw, module_id, instance_id);
	int ret = !m ? -ENOENT : !m->type->ops->get_configuration ? -ENOSYS : 0;
	if (!ret) {
		dp_task_quiesce(m);
		ret = m->type->ops->get_configuration(m, param_id, data, size);
		dp_task_resume(m);
	}
	vr_lock_give(&fw->lock);
	return ret;
}

/* ---- whole instance ---- */

int fw_get_counts(struct fw_instance *fw, struct fw_counts *c)
{
	if (!fw || !c)
		return -EINVAL;
	memset(c, 0, sizeof(*c));
	vr_lock_take(&fw->lock);
	for (struct pipeline *p = fw->pipelines; p; p = p->next)
		c->pipelines++;
	for (struct processing_module *m = fw->modules; m; m = m->next)
		c->modules++;
	for (struct comp_buffer *b = fw->buffers; b; b = b->next)
		c->buffers++;
	vr_lock_give(&fw->lock);
	return 0;
}

int fw_foreach_pipeline(struct fw_instance *fw, bool (*cb)(struct pipeline *p, void *arg),
			void *arg)
{
	if (!fw || !cb)
		return -EINVAL;
	int n = 0;
	vr_lock_take(&fw->lock);
	for (struct pipeline *p = fw->pipelines; p; p = p->next) {
		n++;
		if (cb(p, arg))
			break;
	}
	vr_lock_give(&fw->lock);
	return n;
}

int fw_foreach_module(struct fw_instance *fw,
		      bool (*cb)(struct processing_module *m, void *arg), void *arg)
{
	if (!fw || !cb)
		return -EINVAL;
	int n = 0;
	vr_lock_take(&fw->lock);
	for (struct processing_module *m = fw->modules; m; m = m->next) {
		n++;
		if (cb(m, arg))
			break;
	}
	vr_lock_give(&fw->lock);
	return n;
}

struct vregion *fw_module_region(const struct processing_module *mod)
{
	return mod ? audio_ctx_region(mod->res.ctx) : NULL;
}

struct fast_get_cache *fw_fast_get_cache(struct fw_instance *fw)
{
	return fw ? fw->fg : NULL;
}

int fw_delete(struct fw_instance *fw)
{
	if (!fw)
		return 0;
	vr_lock_take(&fw->lock);
	for (struct pipeline *p = fw->pipelines; p; p = p->next)
		if (p->status != PPL_STATUS_INIT && p->status != PPL_STATUS_READY)
			pipeline_set_state(fw, p, FW_PPL_STATE_RESET);
	while (fw->pipelines)
		pipeline_drop(fw, fw->pipelines);
	while (fw->modules)
		module_drop(fw, fw->modules);
	vr_lock_give(&fw->lock);
	int leaked = fast_get_cache_delete(fw->fg);
	vr_lock_destroy(&fw->lock);
	sys_heap_free(fw);
	return leaked;
}
