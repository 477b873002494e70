/* SPDX-License-Identifier: BSD-3-Clause */
/* Module instances: context, object, init, DP thread; and their teardown. */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include "fw_internal.h"

static const struct module_type *find_type(struct fw_instance *fw, uint32_t id)
{
	for (size_t i = 0; i < fw->ntypes; i++)
		if (fw->types[i]->id == id)
			return fw->types[i];
	return NULL;
}

/* The context a new module allocates from; the caller gets one hold on it. */
static int module_ctx(struct fw_instance *fw, const struct fw_module_params *prm,
		      struct pipeline *p, struct audio_ctx **out)
{
	if (prm->domain == MODULE_DOMAIN_DP) {
		size_t heap = prm->heap_bytes ? prm->heap_bytes : fw->cfg.dp_default_heap;
		if (prm->stack_bytes > FW_MAX_STACK_BYTES) {
			vr_log(VR_LOG_ERR, "module %u.%u: stack_bytes %zu above the cap",
			       prm->module_id, prm->instance_id, prm->stack_bytes);
			return -EINVAL;
		}
		if (heap > fw->cfg.max_heap) {
			vr_log(VR_LOG_ERR, "module %u.%u: heap_bytes %zu above the cap %zu",
			       prm->module_id, prm->instance_id, heap, fw->cfg.max_heap);
			return -EINVAL;
		}
		int err = -ENOMEM;
		*out = audio_ctx_create_sized(heap, &err);
		return *out ? 0 : err;
	}
	*out = p ? audio_ctx_hold(p->ctx) : audio_ctx_create(NULL);
	return *out ? 0 : -ENOMEM;
}

static void set_identity(struct processing_module *mod, const struct module_type *type,
			 const struct fw_module_params *prm, struct pipeline *p,
			 struct fw_instance *fw)
{
	mod->type = type;
	mod->module_id = prm->module_id;
	mod->instance_id = prm->instance_id;
	mod->domain = prm->domain;
	snprintf(mod->name, sizeof(mod->name), "%s-%u", type->name ? type->name : "mod",
		 prm->instance_id);
	mod->in_fmt = prm->in_fmt;
	mod->out_fmt = prm->out_fmt;
	mod->ibs = prm->ibs;
	mod->obs = prm->obs;
	mod->pipeline = p;
	mod->fw = fw;
	mod->state = COMP_STATE_INIT;
}

int module_create(struct fw_instance *fw, const struct fw_module_params *prm,
		  struct pipeline *p, struct processing_module **out)
{
	const struct module_type *type = find_type(fw, prm->module_id);
	if (!type)
		return -ENOENT;
	if (prm->domain != MODULE_DOMAIN_LL && prm->domain != MODULE_DOMAIN_DP)
		return -EINVAL;
	bool dp = prm->domain == MODULE_DOMAIN_DP;
	struct audio_ctx *ctx;
	int ret = module_ctx(fw, prm, p, &ctx);
	if (ret)
		return ret;
	/* The module object is the first lifetime object of a DP region. */
	uint32_t flags = SOF_MEM_FLAG_USER | (dp ? SOF_MEM_FLAG_COHERENT : 0u);
	struct processing_module *mod = sof_ctx_zalloc(ctx->core, flags, sizeof(*mod), 0);
	if (!mod) {
		audio_ctx_release(ctx);
		return -ENOMEM;
	}
	ret = mod_resource_init(mod, ctx, fw->fg);
	if (ret) {
		sof_ctx_free(ctx->core, mod);
		audio_ctx_release(ctx);
		return ret;
	}
	set_identity(mod, type, prm, p, fw);
	if (dp) {
		mod->heap_bytes = prm->heap_bytes ? prm->heap_bytes : fw->cfg.dp_default_heap;
		mod->stack_bytes = dp_task_stack_size(prm->stack_bytes, fw->cfg.dp_default_stack,
						      fw->cfg.dp_min_stack);
	}
	mod->init_data = prm->init_data;
	mod->init_size = prm->init_size;
	ret = type->ops->init(mod);
	mod->init_data = NULL;
	mod->init_size = 0;
	if (ret)
		goto err_res;
	if (dp) {
		ret = dp_task_new(mod, mod->stack_bytes);
		if (ret)
			goto err_free_op;
		/* Added to a complete pipeline: init was its lifetime, the rest is interim. */
		if (p && p->status != PPL_STATUS_INIT)
			vregion_set_interim(audio_ctx_region(ctx));
	}
	mod->state = COMP_STATE_READY;
	*out = mod;
	return 0;

err_free_op:
	if (type->ops->free)
		type->ops->free(mod);
err_res:
	/* Only this module's own hold goes: a shared pipeline context survives (M5). */
	mod_resource_destroy(mod);
	sof_ctx_free(ctx->core, mod);
	audio_ctx_release(ctx);
	return ret;
}

void module_destroy(struct processing_module *mod)
{
	if (!mod)
		return;
	/* The thread ends before anything it could touch is released. */
	dp_task_free(mod);
	if (mod->type->ops->free)
		mod->type->ops->free(mod);
	mod_resource_destroy(mod);
	struct audio_ctx *ctx = mod->res.ctx;
	sof_ctx_free(ctx->core, mod);
	audio_ctx_release(ctx);
}
