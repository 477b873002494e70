/* SPDX-License-Identifier: BSD-3-Clause */
/* Internal to the IPC4 handler: one function per message kind. */
#ifndef VREGION_IPC4_HANDLER_INTERNAL_H
#define VREGION_IPC4_HANDLER_INTERNAL_H

#include <vregion/ipc4/handler.h>

/*
 * Each returns the reply status; on success it may set rep->frame.extension,
 * rep->frame.payload and rep->frame.len (the caller has set the echo and len 0).
 */
uint32_t ipc4_h_create_pipeline(struct ipc4_fw *h, const struct ipc4_create_pipeline *m);
uint32_t ipc4_h_delete_pipeline(struct ipc4_fw *h, const struct ipc4_delete_pipeline *m);
uint32_t ipc4_h_set_pipeline_state(struct ipc4_fw *h, const struct ipc4_set_pipeline_state *m);
uint32_t ipc4_h_get_pipeline_state(struct ipc4_fw *h, const struct ipc4_get_pipeline_state *m,
				   struct ipc4_reply *rep);
uint32_t ipc4_h_init_instance(struct ipc4_fw *h, const struct ipc4_init_instance *m);
uint32_t ipc4_h_delete_instance(struct ipc4_fw *h, const struct ipc4_delete_instance *m);
uint32_t ipc4_h_bind(struct ipc4_fw *h, const struct ipc4_bind *m, int unbind);
uint32_t ipc4_h_large_config_set(struct ipc4_fw *h, const struct ipc4_large_config *m);
uint32_t ipc4_h_large_config_get(struct ipc4_fw *h, const struct ipc4_large_config *m,
				 uint32_t req_ext, struct ipc4_reply *rep);
uint32_t ipc4_h_config(struct ipc4_fw *h, const struct ipc4_config *m);

#endif
