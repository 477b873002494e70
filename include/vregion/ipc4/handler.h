/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The IPC4 handler: one entry point takes a request and produces its reply,
 * driving a firmware instance of the audio framework (vregion/audio/fw.h).
 *
 * The handler owns no global state: everything it keeps is in the
 * struct ipc4_fw the caller gives it, around the caller's fw_instance, so a
 * test can run several side by side. The module types of the manifest
 * (copier 1, gain 2, SRC 3; see docs/ipc4.md) are registered in that
 * fw_instance by its creator; a module_id that has no registered type is
 * refused.
 *
 * A refused request changes nothing in the firmware: the framework calls
 * the handler makes either succeed or leave everything as it was. Every
 * refusal is reported through vr_log() (what was refused and why) and in
 * the reply status. Status codes per failure: docs/ipc4.md.
 *
 * Thread safety: one request at a time per struct ipc4_fw (the framework
 * serialises with the LL thread itself). Time: O(payload) for decoding plus
 * the framework call.
 */
#ifndef VREGION_IPC4_HANDLER_H
#define VREGION_IPC4_HANDLER_H

#include <stdint.h>
#include <stdio.h>

#include <vregion/ipc4/msg.h>

#ifdef __cplusplus
extern "C" {
#endif

struct fw_instance;

/**
 * A reply: the status and the message that carries it (the status sits in
 * frame.primary bits 0..23; frame.len > 0 for LARGE_CONFIG_GET only). The
 * frame can go straight to a transport or to ipc4_log_write().
 */
struct ipc4_reply {
	uint32_t status;
	struct ipc4_frame frame;
};

/** Handler statistics. */
struct ipc4_fw_stats {
	uint64_t requests;     /**< requests handled */
	uint64_t refused;      /**< requests answered with a status other than SUCCESS */
};

/** Handler state around one firmware instance. Fields are private. */
struct ipc4_fw {
	struct fw_instance *fw;
	FILE *log;                             /**< IPC log file, or NULL */
	uint32_t cores;                        /**< DSP cores: core_id must be below */
	struct ipc4_fw_stats stats;
	struct ipc4_request req;               /**< decoded request (scratch) */
	uint8_t stage[IPC4_MAX_BLOB_SIZE];     /**< LARGE_CONFIG_GET data (scratch) */
};

/**
 * Set up @p h to drive @p fw (not owned; it must outlive @p h's use).
 * Returns 0 or -EINVAL (NULL argument). O(1).
 */
int ipc4_fw_init(struct ipc4_fw *h, struct fw_instance *fw);

/**
 * Write every request and reply from now on as records of an IPC log
 * (vregion/ipc4/log.h) to @p log (NULL stops). A write error is reported
 * through vr_log() and does not change the reply.
 */
void ipc4_fw_set_log(struct ipc4_fw *h, FILE *log);

/** Copy out the statistics. */
void ipc4_fw_get_stats(const struct ipc4_fw *h, struct ipc4_fw_stats *out);

/**
 * Handle request @p req and fill @p rep (always, even on refusal; a NULL
 * @p h or @p req gives IPC4_ERROR_INVALID_PARAM). Returns the reply status
 * (also in rep->status and rep->frame.primary bits 0..23). The reply extension
 * echoes the request's except for GET_PIPELINE_STATE (the state),
 * LARGE_CONFIG_GET (size and final_block) and CONFIG_GET.
 */
uint32_t ipc4_handle(struct ipc4_fw *h, const struct ipc4_msg *req, struct ipc4_reply *rep);

/** Outcome of ipc4_replay(). */
struct ipc4_replay_result {
	uint32_t requests;        /**< requests handled */
	uint32_t refused;         /**< of which answered with a status other than SUCCESS */
	uint32_t compared;        /**< recorded replies compared with ours */
	uint32_t mismatches;      /**< recorded replies that differ from ours */
	uint32_t first_mismatch;  /**< record index of the first difference */
	char error[200];          /**< the first difference or the log error, with its place */
};

struct ipc4_log_reader;

/**
 * Replay an IPC log through @p h: every request record is handled; a reply
 * record that follows a request is compared with the reply just produced
 * (words, length and payload), so a log written by ipc4_fw_set_log()
 * replays to itself. A log of requests only is played without comparison.
 * A reply record with no request before it counts as a mismatch. Returns 0
 * (all played; check res->mismatches), or the reader's negative errno for a
 * corrupt log (res->error says where), or -EINVAL for NULL arguments.
 * O(log size) plus the handling.
 */
int ipc4_replay(struct ipc4_fw *h, struct ipc4_log_reader *r, struct ipc4_replay_result *res);

#ifdef __cplusplus
}
#endif
#endif
