/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The firmware instance: the object an IPC front end drives.
 *
 * It owns the module-type table, the pipelines, the module instances, the
 * buffers and the fast-get cache; nothing else is global, so a test may run
 * several instances side by side. Every call returns 0 or a negative errno
 * (the IPC4 handler maps them to IPC4 status codes, see docs/framework.md):
 *
 *   -ENOENT  no such pipeline / module / binding / module type
 *   -EEXIST  the id is taken
 *   -EINVAL  bad argument, illegal state transition or unsupported target,
 *            DP->DP bind, heap_bytes above the cap, completion impossible
 *            (empty pipeline, loop), module prepare failed
 *   -EBUSY   the object is not idle (module or pipeline not in RESET/READY,
 *            pin already connected, configuration transfer in progress)
 *   -ENOMEM  exhaustion (nothing kept)
 *   -ENOSYS  the module type has no such op
 *   other    a module op's own error (init, set/get configuration)
 *
 * Threads: every call takes the instance's lock, so IPC calls and the LL
 * period may come from different threads. DP threads never take it.
 * Time bounds: lookups are O(objects); state changes O(modules) plus the
 * module ops; fw_ll_run_period() O(modules) plus the process ops.
 */
#ifndef VREGION_AUDIO_FW_H
#define VREGION_AUDIO_FW_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/audio/module.h>
#include <vregion/audio/pipeline.h>

#ifdef __cplusplus
extern "C" {
#endif

/** DP region size when a DP module asks for 0 (SOF's default). */
#define FW_DP_DEFAULT_HEAP_BYTES 20480u
/** Largest heap_bytes accepted (64 MiB exactly is accepted). */
#define FW_MAX_HEAP_BYTES ((size_t)64u << 20)
/** DP stack when a module asks for 0 (host default). */
#define FW_DP_DEFAULT_STACK_BYTES 65536u
/** Largest DP stack accepted (SOF had no cap; a larger request is refused). */
#define FW_MAX_STACK_BYTES ((size_t)64u << 20)
/** Smallest DP stack granted (requests below are raised). */
#define FW_DP_MIN_STACK_BYTES 16384u
/** LL period when the configuration says 0. */
#define FW_DEFAULT_PERIOD_US 1000u
/** "No pipeline" in fw_module_params.pipeline_id (IPC4's 0xFF). */
#define FW_NO_PIPELINE 0xFFu
/** Largest reassembled large-config blob. */
#define FW_MAX_BLOB_BYTES 8192u
/** Module types one instance can register. */
#define FW_MAX_MODULE_TYPES 32u

/** Pipeline states as IPC4 names them (SET_PIPELINE_STATE targets). */
enum fw_ppl_state {
	FW_PPL_STATE_INVALID = 0,
	FW_PPL_STATE_UNINITIALIZED = 1,
	FW_PPL_STATE_RESET = 2,
	FW_PPL_STATE_PAUSED = 3,
	FW_PPL_STATE_RUNNING = 4,
	FW_PPL_STATE_EOS = 5,
};

/** Instance configuration; zero fields take the defaults above. */
struct fw_config {
	uint32_t period_us;        /**< LL period */
	size_t dp_default_heap;    /**< DP region for heap_bytes 0 */
	size_t max_heap;           /**< cap on heap_bytes */
	size_t dp_default_stack;   /**< DP stack for stack_bytes 0 */
	size_t dp_min_stack;       /**< DP stack floor */
};

struct fw_instance;

/** Make an instance (system heap). @p cfg may be NULL. NULL on exhaustion. */
struct fw_instance *fw_new(const struct fw_config *cfg);
/**
 * Stop every pipeline, delete every module, buffer and pipeline, the cache
 * and the instance. Returns the number of fast-get entries that were still
 * referenced (0 when every module cleaned up). NULL returns 0.
 */
int fw_delete(struct fw_instance *fw);
/** The effective configuration. */
const struct fw_config *fw_get_config(const struct fw_instance *fw);

/** Register @p type (kept by pointer). -EINVAL (NULL, no init/process op), -EEXIST, -ENOSPC. */
int fw_register_module_type(struct fw_instance *fw, const struct module_type *type);
/** The registered type @p module_id, or NULL. */
const struct module_type *fw_find_module_type(struct fw_instance *fw, uint32_t module_id);

/* ---- pipelines ---- */

/** Create pipeline @p id (see pipeline_new()); status INIT. -EEXIST for a taken id. */
int fw_pipeline_new(struct fw_instance *fw, uint32_t id, uint32_t priority, size_t heap_bytes);
/**
 * Delete pipeline @p id and every module in it (creation order), freeing
 * their buffers. -ENOENT; -EBUSY (nothing deleted) when the pipeline is
 * PREPARE, PAUSED or ACTIVE or one of its modules is not READY.
 */
int fw_pipeline_delete(struct fw_instance *fw, uint32_t id);
/**
 * Move pipeline @p id toward @p target (enum fw_ppl_state), as the IPC4
 * firmware does (docs/framework.md): completion on the first RESET/PAUSED
 * from INIT, module prepare on RUNNING from READY, start, pause, release,
 * stop+reset, EOS. An illegal transition returns -EINVAL and changes
 * nothing; a completion that fails (no module, a loop, no memory for the
 * rings) returns -EINVAL and leaves the pipeline INIT; a failed module
 * prepare resets the modules and returns -EINVAL.
 */
int fw_pipeline_set_state(struct fw_instance *fw, uint32_t id, uint32_t target);
/**
 * Move the @p n pipelines @p ids (in that order) toward @p target as one
 * request (IPC4 SET_PIPELINE_STATE with several pipelines). Under one hold
 * of the instance lock, every id is looked up and every transition checked
 * before any pipeline moves: an unknown id gives -ENOENT and an illegal
 * transition -EINVAL, both with nothing changed. Only a completion or
 * prepare that fails on the way (no memory, no module) can stop the batch
 * part way: that pipeline behaves as fw_pipeline_set_state() says and the
 * ones before it stay moved. *@p moved (if not NULL) is the number of
 * pipelines that moved: @p n on success, 0 when the check refused. -EINVAL
 * for a NULL @p fw, or NULL @p ids with @p n > 0. O(n * pipelines + the
 * moves); not from an LL or DP context.
 */
int fw_pipelines_set_state(struct fw_instance *fw, const uint32_t *ids, uint32_t n,
			   uint32_t target, uint32_t *moved);
/** Report pipeline @p id's state as an enum fw_ppl_state value. -ENOENT. */
int fw_pipeline_get_state(struct fw_instance *fw, uint32_t id, uint32_t *state);
/** Pipeline @p id or NULL. The pointer is valid until the pipeline is deleted. */
struct pipeline *fw_pipeline_find(struct fw_instance *fw, uint32_t id);

/* ---- modules ---- */

/** Everything an INIT_INSTANCE carries, decoded. */
struct fw_module_params {
	uint32_t module_id;        /**< registered type */
	uint32_t instance_id;
	uint32_t pipeline_id;      /**< FW_NO_PIPELINE: none */
	enum module_domain domain;
	size_t heap_bytes;         /**< DP: region size (0: default; > cap: refused) */
	size_t stack_bytes;        /**< DP: thread stack (0: default; raised to the floor; > 64 MiB: refused) */
	const void *init_data;     /**< passed to the init op (valid during the call) */
	size_t init_size;
	struct audio_fmt in_fmt;   /**< initial formats; init may change them */
	struct audio_fmt out_fmt;
	uint32_t ibs;              /**< bytes per period in/out; init may set them */
	uint32_t obs;
};

/**
 * Create a module instance: context (pipeline's for LL, a new region for
 * DP), the module object in it, init op, DP thread. If the pipeline is
 * already complete a DP module's region is switched to interim after init.
 * On any failure everything made so far is released. Returns 0 and
 * *@p out (may be NULL), or -ENOENT (type or pipeline), -EEXIST, -EINVAL
 * (domain, heap or stack above its cap), -ENOMEM, -EAGAIN (thread), or the
 * init op's error.
 */
int fw_module_new(struct fw_instance *fw, const struct fw_module_params *params,
		  struct processing_module **out);
/**
 * Delete a module: -ENOENT; -EBUSY unless READY. Its buffers are
 * disconnected from both ends and freed; a DP thread is joined before the
 * module's region is released.
 */
int fw_module_delete(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id);
/** Module (@p module_id, @p instance_id) or NULL. */
struct processing_module *fw_module_find(struct fw_instance *fw, uint32_t module_id,
					 uint32_t instance_id);

/**
 * Connect output pin @p src_pin of the source to input pin @p dst_pin of the
 * sink with a new buffer of 2 x max(ibs, obs) bytes (LL source) or 2 x ibs
 * (DP source), then run the source's and the sink's bind hooks. -ENOENT,
 * -EINVAL (pin > 7, DP->DP, no period size), -EBUSY (pin taken), -ENOMEM,
 * or a hook's error (the bind is undone).
 */
int fw_bind(struct fw_instance *fw, uint32_t src_module, uint32_t src_instance, uint32_t src_pin,
	    uint32_t dst_module, uint32_t dst_instance, uint32_t dst_pin);
/**
 * Run both unbind hooks, then disconnect and free that buffer. -ENOENT when
 * there is no such binding; a hook's error is returned after the buffer is
 * freed anyway.
 */
int fw_unbind(struct fw_instance *fw, uint32_t src_module, uint32_t src_instance, uint32_t src_pin,
	      uint32_t dst_module, uint32_t dst_instance, uint32_t dst_pin);

/**
 * LARGE_CONFIG_SET, one fragment. @p init_block / @p final_block as IPC4;
 * @p data_off_size is the total size on the first (or single) fragment and
 * the offset on later ones; @p data / @p size is this fragment. A single
 * fragment goes straight to the set_configuration op; several are
 * reassembled in interim memory (mod_alloc) first, at most
 * FW_MAX_BLOB_BYTES. -ENOENT, -ENOSYS (no setter), -EBUSY (a first
 * fragment while a transfer is open; the open transfer stays), -EINVAL (a
 * continuation without an open transfer, of another param_id, at an offset
 * other than the bytes received, past the total, or a non-final fragment
 * reaching the total: the open transfer is dropped and its memory freed),
 * -ENOMEM, or the setter's error. O(size) plus the setter; takes the
 * instance lock.
 */
int fw_module_set_large_config(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id,
			       uint32_t param_id, bool init_block, bool final_block,
			       uint32_t data_off_size, const void *data, size_t size);
/** LARGE_CONFIG_GET: *@p size is capacity in, bytes out. -ENOENT, -ENOSYS, or the getter's error. */
int fw_module_get_large_config(struct fw_instance *fw, uint32_t module_id, uint32_t instance_id,
			       uint32_t param_id, void *data, size_t *size);

/* ---- LL scheduling ---- */

/**
 * Run one LL period on the caller's thread: for every ACTIVE pipeline in
 * priority order, the process op of each LL module in pipeline order, then
 * a tick to each of its DP modules. Returns the number of process calls
 * that failed in this period (>= 0), or -EINVAL.
 */
int fw_ll_run_period(struct fw_instance *fw);
/**
 * Run @p periods periods; with @p realtime, paced to the period on
 * CLOCK_MONOTONIC (absolute deadlines, no drift). Returns the failed
 * process calls in total, or -EINVAL.
 */
long fw_ll_run(struct fw_instance *fw, unsigned long periods, bool realtime);

/* ---- introspection (tests, tools) ---- */

/** Counts of live objects of the instance. */
struct fw_counts {
	size_t pipelines;
	size_t modules;
	size_t buffers;
};
/** Fill @p c. Returns 0 or -EINVAL. */
int fw_get_counts(struct fw_instance *fw, struct fw_counts *c);
/**
 * Call @p cb on every pipeline (priority order) until it returns true.
 * Runs under the instance lock: @p cb must not call fw_* functions.
 * Returns the number of pipelines visited, or -EINVAL.
 */
int fw_foreach_pipeline(struct fw_instance *fw, bool (*cb)(struct pipeline *p, void *arg),
			void *arg);
/** As fw_foreach_pipeline() for modules, in creation order. */
int fw_foreach_module(struct fw_instance *fw,
		      bool (*cb)(struct processing_module *m, void *arg), void *arg);
/**
 * The region @p mod allocates from: its own (DP), its pipeline's (LL), or
 * NULL (system heap). For memory reports.
 */
struct vregion *fw_module_region(const struct processing_module *mod);
/** The instance's fast-get cache. */
struct fast_get_cache *fw_fast_get_cache(struct fw_instance *fw);
/** The buffer bound to output pin @p pin of @p mod, or NULL. */
struct comp_buffer *fw_module_sink_buffer(struct processing_module *mod, uint32_t pin);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_FW_H */
