/* SPDX-License-Identifier: BSD-3-Clause */
/* The firmware instance's insides, shared by the framework's files only. */
#ifndef VREGION_AUDIO_FW_INTERNAL_H
#define VREGION_AUDIO_FW_INTERNAL_H

#include <vregion/audio/buffer.h>
#include <vregion/audio/fast_get.h>
#include <vregion/audio/fw.h>
#include <vregion/audio/sched.h>
#include <vregion/platform.h>

struct fw_instance {
	vr_lock_t lock;             /* every fw_* call; DP threads never take it */
	struct fw_config cfg;
	const struct module_type *types[FW_MAX_MODULE_TYPES];
	size_t ntypes;
	struct pipeline *pipelines; /* priority, then creation order */
	struct processing_module *modules; /* creation order */
	struct comp_buffer *buffers;
	struct fast_get_cache *fg;
};

/* module.c */
int module_create(struct fw_instance *fw, const struct fw_module_params *prm,
		  struct pipeline *p, struct processing_module **out);
void module_destroy(struct processing_module *mod);

/* pipeline.c */
int pipeline_complete(struct fw_instance *fw, struct pipeline *p);
int pipeline_build_run_order(struct fw_instance *fw, struct pipeline *p);

/* pipeline_state.c */
int pipeline_state_check(const struct pipeline *p, uint32_t target);
int pipeline_set_state(struct fw_instance *fw, struct pipeline *p, uint32_t target);
uint32_t pipeline_get_state(const struct pipeline *p);

/* ll_sched.c */
int ll_run_pipeline(struct pipeline *p);

#endif /* VREGION_AUDIO_FW_INTERNAL_H */
