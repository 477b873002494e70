/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Module messages (reference §4-§7): INIT_INSTANCE turns the decoded
 * parameter block into the framework's module parameters; the others map
 * framework errors to the reference's status codes.
 */
#include <errno.h>
#include <string.h>

#include <vregion/audio/fw.h>
#include <vregion/ipc4/modcfg.h>
#include <vregion/platform.h>

#include "handler_internal.h"

static struct audio_fmt fw_fmt(const struct ipc4_audio_fmt *f, uint32_t rate)
{
	struct audio_fmt a = { rate, f->channels_count, f->depth / 8u };
	return a;
}

/*
 * The configuration of a manifest module, checked by its own decoder; a
 * module type registered under another id gets the base config checks.
 * Fills the formats and period sizes the framework starts the module with.
 */
static uint32_t module_config(const struct ipc4_init_instance *m, struct fw_module_params *p)
{
	union {
		struct ipc4_copier_cfg copier;
		struct ipc4_gain_cfg gain;
		struct ipc4_src_cfg src;
		struct ipc4_base_cfg base;
	} c;
	const struct ipc4_base_cfg *base = &c.base;
	uint32_t status, out_rate;

	switch (m->module_id) {
	case IPC4_MODULE_COPIER:
		status = ipc4_copier_cfg_decode(m->config, m->config_len, &c.copier);
		/* a gateway needs a parent pipeline (§4.6 rule 3) */
		if (status == IPC4_SUCCESS && c.copier.node_id != IPC4_INVALID_NODE_ID &&
		    m->ppl_instance_id == IPC4_INVALID_PIPELINE_ID)
			status = IPC4_MOD_NOT_INITIALIZED;
		base = &c.copier.base;
		p->out_fmt = fw_fmt(&c.copier.out_fmt, c.copier.out_fmt.sampling_frequency);
		break;
	case IPC4_MODULE_GAIN:
		status = ipc4_gain_cfg_decode(m->config, m->config_len, &c.gain);
		base = &c.gain.base;
		break;
	case IPC4_MODULE_SRC:
		status = ipc4_src_cfg_decode(m->config, m->config_len, &c.src);
		base = &c.src.base;
		break;
	default:
		status = ipc4_base_cfg_decode(m->config, m->config_len, &c.base);
		break;
	}
	if (status != IPC4_SUCCESS)
		return status;
	p->in_fmt = fw_fmt(&base->fmt, base->fmt.sampling_frequency);
	if (m->module_id != IPC4_MODULE_COPIER) {
		out_rate = m->module_id == IPC4_MODULE_SRC ? c.src.sink_rate :
							     base->fmt.sampling_frequency;
		p->out_fmt = fw_fmt(&base->fmt, out_rate);
	}
	p->ibs = base->ibs;
	p->obs = base->obs;
	return IPC4_SUCCESS;
}

/* Every INIT_INSTANCE failure past the core check is MOD_NOT_INITIALIZED (§4.7). */
uint32_t ipc4_h_init_instance(struct ipc4_fw *h, const struct ipc4_init_instance *m)
{
	struct fw_module_params p;
	uint32_t status;
	int ret;

	if (m->core_id >= h->cores)
		return IPC4_INVALID_CORE_ID;
	if (!fw_find_module_type(h->fw, m->module_id)) {
		vr_log(VR_LOG_WARN, "ipc4: module id %u is not in the manifest", m->module_id);
		return IPC4_MOD_NOT_INITIALIZED;
	}
	memset(&p, 0, sizeof(p));
	status = module_config(m, &p);
	if (status != IPC4_SUCCESS)
		return status;
	p.module_id = m->module_id;
	p.instance_id = m->instance_id;
	p.pipeline_id = m->ppl_instance_id;
	p.domain = m->proc_domain ? MODULE_DOMAIN_DP : MODULE_DOMAIN_LL;
	/* DP_DATA sizes the DP module's region and stack; the framework applies
	 * the defaults (0), the 64 MiB cap and the stack floor */
	if (m->proc_domain && m->has_dp_data) {
		p.heap_bytes = m->dp_data.heap_bytes;
		p.stack_bytes = m->dp_data.stack_bytes;
	}
	p.init_data = m->config;
	p.init_size = m->config_len;
	ret = fw_module_new(h->fw, &p, NULL);
	if (ret) {
		vr_log(VR_LOG_WARN, "ipc4: module %u.%u not created (%d)", m->module_id,
		       m->instance_id, ret);
		return IPC4_MOD_NOT_INITIALIZED;
	}
	return IPC4_SUCCESS;
}

uint32_t ipc4_h_delete_instance(struct ipc4_fw *h, const struct ipc4_delete_instance *m)
{
	/* not found and not idle share one code (§7) */
	return fw_module_delete(h->fw, m->module_id, m->instance_id) ? IPC4_INVALID_RESOURCE_ID :
								       IPC4_SUCCESS;
}

uint32_t ipc4_h_bind(struct ipc4_fw *h, const struct ipc4_bind *m, int unbind)
{
	struct processing_module *src = fw_module_find(h->fw, m->module_id, m->instance_id);
	struct processing_module *dst = fw_module_find(h->fw, m->dst_module_id, m->dst_instance_id);
	int ret;

	if (!src || !dst)
		return IPC4_INVALID_RESOURCE_ID;
	if (unbind)
		return fw_unbind(h->fw, m->module_id, m->instance_id, m->src_queue, m->dst_module_id,
				 m->dst_instance_id, m->dst_queue) ? IPC4_INVALID_RESOURCE_ID :
								     IPC4_SUCCESS;
	if (src->domain == MODULE_DOMAIN_DP && dst->domain == MODULE_DOMAIN_DP)
		return IPC4_INVALID_REQUEST;
	ret = fw_bind(h->fw, m->module_id, m->instance_id, m->src_queue, m->dst_module_id,
		      m->dst_instance_id, m->dst_queue);
	switch (ret) {
	case 0:
		return IPC4_SUCCESS;
	case -ENOENT:
		return IPC4_INVALID_RESOURCE_ID;
	case -ENOMEM:
		return IPC4_OUT_OF_MEMORY;
	default:
		return IPC4_INVALID_RESOURCE_STATE;  /* pin taken, no period size */
	}
}

/*
 * Module 0 is the base firmware: only instance 0 exists and it has no
 * configuration op here. Returns SUCCESS when @m names an existing module.
 */
static uint32_t config_target(struct ipc4_fw *h, uint32_t module_id, uint32_t instance_id)
{
	if (module_id == IPC4_MODULE_BASEFW)
		return instance_id ? IPC4_INVALID_RESOURCE_ID : IPC4_INVALID_REQUEST;
	return fw_module_find(h->fw, module_id, instance_id) ? IPC4_SUCCESS :
							       IPC4_INVALID_RESOURCE_ID;
}

uint32_t ipc4_h_large_config_set(struct ipc4_fw *h, const struct ipc4_large_config *m)
{
	uint32_t status = config_target(h, m->module_id, m->instance_id);
	int ret;

	if (status != IPC4_SUCCESS)
		return status;
	ret = fw_module_set_large_config(h->fw, m->module_id, m->instance_id, m->large_param_id,
					 m->init_block, m->final_block, m->data_off_size, m->data,
					 m->data_len);
	if (ret == -ENOSYS)
		return IPC4_INVALID_REQUEST;   /* no setter */
	return ret ? IPC4_INVALID_RESOURCE_ID : IPC4_SUCCESS;
}

/*
 * The module produces its whole answer (at most IPC4_MAX_BLOB_SIZE); each
 * request returns the next block of at most one mailbox, from offset 0 on
 * the first request and from data_off_size on later ones.
 */
uint32_t ipc4_h_large_config_get(struct ipc4_fw *h, const struct ipc4_large_config *m,
				 uint32_t req_ext, struct ipc4_reply *rep)
{
	uint32_t status = config_target(h, m->module_id, m->instance_id);
	size_t size = sizeof(h->stage), off = m->init_block ? 0 : m->data_off_size, n;
	int ret;

	if (status != IPC4_SUCCESS)
		return status;
	ret = fw_module_get_large_config(h->fw, m->module_id, m->instance_id, m->large_param_id,
					 h->stage, &size);
	if (ret == -ENOSYS)
		return IPC4_INVALID_REQUEST;
	if (ret || size > sizeof(h->stage) || off > size)
		return IPC4_INVALID_RESOURCE_ID;
	n = size - off;
	if (n > IPC4_MAILBOX_SIZE)
		n = IPC4_MAILBOX_SIZE;
	if (m->init_block && n > m->data_off_size)
		n = m->data_off_size;           /* the host's capacity */
	memcpy(rep->frame.payload, h->stage + off, n);
	rep->frame.len = (uint32_t)n;
	rep->frame.extension = ipc4_large_config_get_reply_ext(req_ext, (uint32_t)n, false);
	return IPC4_SUCCESS;
}

uint32_t ipc4_h_config(struct ipc4_fw *h, const struct ipc4_config *m)
{
	uint32_t status = config_target(h, m->module_id, m->instance_id);

	/* no module of ours has small parameters: the driver has no attribute op */
	return status != IPC4_SUCCESS ? status : IPC4_INVALID_REQUEST;
}
