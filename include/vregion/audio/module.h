/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Processing modules: the module interface and the module resource API.
 *
 * A module type (struct module_type) is a set of ops registered in a
 * firmware instance's table under a module id (copier 1, gain 2, SRC 3...).
 * An instance of it is a struct processing_module, made by the framework
 * (fw_module_new() in fw.h), which owns:
 *   - its private data (mod->priv, the module's own business);
 *   - an allocation context: the pipeline's shared one for LL modules, its
 *     own region's for DP modules (see pipeline.h for who holds what);
 *   - a resource list: every allocation made through mod_alloc() and
 *     friends is recorded in an object pool, under the module's own lock,
 *     so mod_free_all() can release everything.
 *
 * Op contract: every op returns 0 or a negative errno; all ops but process
 * run on the control thread; process runs on the LL caller's thread (LL) or
 * in the module's own thread (DP), never at the same time as another op of
 * the same module (the framework quiesces a DP thread first). Ops must not
 * call fw_* functions (the instance lock is held around them, and a DP
 * thread may be waited for under it).
 */
#ifndef VREGION_AUDIO_MODULE_H
#define VREGION_AUDIO_MODULE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <vregion/alloc_ctx.h>
#include <vregion/audio/audio_ctx.h>
#include <vregion/audio/objpool.h>
#include <vregion/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Pins per direction (IPC4 queue ids 0..7). */
#define MODULE_MAX_PINS 8u
/** Longest module name kept (thread names are 15 characters + NUL). */
#define MODULE_NAME_LEN 16u

struct processing_module;
struct comp_buffer;
struct pipeline;
struct dp_task;
struct fw_instance;
struct fast_get_cache;
struct data_blob_handler;

/** Where a module runs. */
enum module_domain {
	MODULE_DOMAIN_LL = 0, /**< low latency: every period, on the LL caller's thread */
	MODULE_DOMAIN_DP = 1, /**< data processing: its own thread, when data is ready */
};

/** Component states (IPC4 firmware's internal values). */
enum comp_state {
	COMP_STATE_INIT = 1,
	COMP_STATE_READY = 2,
	COMP_STATE_PREPARE = 4,
	COMP_STATE_PAUSED = 5,
	COMP_STATE_ACTIVE = 6,
	COMP_STATE_PRE_ACTIVE = 7,
};

/** The fixed frame format of a stream (interleaved). */
struct audio_fmt {
	uint32_t rate;         /**< frames per second */
	uint32_t channels;     /**< samples per frame */
	uint32_t sample_bytes; /**< bytes per sample (2, 3 or 4) */
};

/** Bytes per frame of @p f (0 for an unset format). */
static inline uint32_t audio_fmt_frame_bytes(const struct audio_fmt *f)
{
	return f->channels * f->sample_bytes;
}

/** A module type's operations; NULL ops are skipped (init and process are required). */
struct module_ops {
	/** Set up from mod->init_data; may set mod->priv, formats, ibs/obs. */
	int (*init)(struct processing_module *mod);
	/** Before running (first move RESET->RUNNING and after every reset). */
	int (*prepare)(struct processing_module *mod);
	/** Consume from mod->sources[], produce into mod->sinks[] (one period). */
	int (*process)(struct processing_module *mod);
	/** Back to the state after init (stop/reset). */
	int (*reset)(struct processing_module *mod);
	/** Undo init. mod_free_all() runs after it anyway. */
	int (*free)(struct processing_module *mod);
	/** Apply a whole configuration blob @p data of @p size bytes for @p param_id. */
	int (*set_configuration)(struct processing_module *mod, uint32_t param_id,
				 const uint8_t *data, size_t size);
	/**
	 * Write configuration @p param_id into @p data; *@p size is the capacity
	 * on entry and the bytes produced on return.
	 */
	int (*get_configuration)(struct processing_module *mod, uint32_t param_id,
				 uint8_t *data, size_t *size);
	/**
	 * Buffer @p buf was just connected to input (@p input) or output pin
	 * @p pin; the source's hook runs first, then the sink's. An error undoes
	 * the bind (fw_bind() returns it).
	 */
	int (*bind)(struct processing_module *mod, struct comp_buffer *buf, bool input,
		    uint32_t pin);
	/** Buffer @p buf is about to be disconnected; it is freed whatever this returns. */
	int (*unbind)(struct processing_module *mod, struct comp_buffer *buf, bool input,
		      uint32_t pin);
};

/** A module type, registered with fw_register_module_type(). */
struct module_type {
	uint32_t id;                 /**< IPC4 module id (copier 1, gain 2, SRC 3, ...) */
	const char *name;            /**< short name; instances are named "<name>-<instance>" */
	const struct module_ops *ops;
};

/** Kinds of recorded resources. */
enum mod_res_type {
	MOD_RES_UNUSED = 0,
	MOD_RES_HEAP = 1,         /**< mod_alloc*: from the module's context */
	MOD_RES_BLOB_HANDLER = 2, /**< mod_data_blob_handler_new */
	MOD_RES_FAST_GET = 3,     /**< mod_fast_get */
	MOD_RES_BUFFER = 4,       /**< mod_balloc*: from the context's heap, never the region */
};

/** A module's resource bookkeeping; touched only through the mod_* API. */
struct module_resources {
	struct objpool_head objpool;  /**< containers, in the module's context */
	size_t heap_usage;            /**< bytes charged now (see mod_heap_usage()) */
	size_t heap_high_water_mark;  /**< most bytes charged at once */
	size_t count;                 /**< live recorded resources */
	struct audio_ctx *ctx;        /**< the module's context (shared for LL) */
	struct fast_get_cache *fast_get; /**< the firmware instance's cache */
	vr_lock_t lock;               /**< the module's own lock */
};

/** A module instance. Fields marked (fw) belong to the framework: read only. */
struct processing_module {
	/* identity (fw) */
	const struct module_type *type;
	uint32_t module_id;
	uint32_t instance_id;
	enum module_domain domain;
	char name[MODULE_NAME_LEN];

	/* the module's own */
	void *priv;                   /**< private data */
	struct audio_fmt in_fmt;      /**< format of input pin 0 (set by the creator or init) */
	struct audio_fmt out_fmt;     /**< format of output pin 0 */
	uint32_t ibs;                 /**< input bytes per period (pin 0) */
	uint32_t obs;                 /**< output bytes per period (pin 0) */

	/* init parameters (fw); valid during init only */
	const void *init_data;
	size_t init_size;

	/* framework state (fw) */
	enum comp_state state;
	struct module_resources res;
	struct pipeline *pipeline;
	struct fw_instance *fw;
	struct comp_buffer *sources[MODULE_MAX_PINS];
	struct comp_buffer *sinks[MODULE_MAX_PINS];
	struct dp_task *dp;
	size_t heap_bytes;            /**< DP region size asked (after defaults) */
	size_t stack_bytes;           /**< DP thread stack asked (after defaults) */
	uint64_t periods;             /**< process calls made */
	uint8_t *cfg_stage;           /**< large-config reassembly (interim) */
	size_t cfg_stage_size;
	size_t cfg_stage_fill;
	uint32_t cfg_stage_param;
	struct processing_module *next;      /**< firmware list, creation order */
	struct processing_module *ppl_next;  /**< pipeline run order */
	unsigned int order_mark;             /**< scratch of the run-order walk */
};

/* ---- the module resource API (spec 6) -------------------------------------
 * Every function is thread-safe (the module's lock) and O(resources) at
 * worst. Memory comes from the module's context: its region (lifetime
 * before the pipeline is complete, interim after) or the system heap.
 */

/**
 * Set up @p mod's bookkeeping over @p ctx (a held context) and @p fg (may be
 * NULL: no fast-get). Returns 0 or the lock's error.
 */
int mod_resource_init(struct processing_module *mod, struct audio_ctx *ctx,
		      struct fast_get_cache *fg);
/** Release everything (mod_free_all) and the lock. */
void mod_resource_destroy(struct processing_module *mod);

/**
 * Allocate @p size bytes with SOF_MEM_FLAG_* @p flags, aligned to @p align
 * (0: natural), from the module's context, and record it. Returns NULL for
 * NULL mod, size 0 (nothing allocated, no container taken: M9), or
 * exhaustion (nothing kept).
 */
void *mod_alloc_ext(struct processing_module *mod, uint32_t flags, size_t size, size_t align);
/** mod_alloc_ext(mod, SOF_MEM_FLAG_USER, size, align). */
void *mod_alloc_align(struct processing_module *mod, size_t size, size_t align);
/** mod_alloc_align(mod, size, 0). */
void *mod_alloc(struct processing_module *mod, size_t size);
/** mod_alloc() then zero @p size bytes. */
void *mod_zalloc(struct processing_module *mod, size_t size);
/**
 * Buffer memory: from the context's heap (the system heap), never the
 * region, recorded as a buffer so it is freed to where it came from (M1).
 * Same errors as mod_alloc_ext().
 */
void *mod_balloc_align(struct processing_module *mod, size_t size, size_t align);
/** mod_balloc_align(mod, size, 0). */
void *mod_balloc(struct processing_module *mod, size_t size);

/**
 * Release one recorded resource, whatever its kind. NULL returns 0.
 * Returns -ENOENT for a pointer the module does not own (nothing touched),
 * -EINVAL for a NULL module.
 */
int mod_free(struct processing_module *mod, const void *ptr);
/** Release every recorded resource and the container pool. NULL-safe. */
void mod_free_all(struct processing_module *mod);

/** A data-blob handler owned by the module (system heap). NULL on exhaustion. */
struct data_blob_handler *mod_data_blob_handler_new(struct processing_module *mod);
/** mod_free() of a handler. */
int mod_data_blob_handler_free(struct processing_module *mod, struct data_blob_handler *bh);

/**
 * The shared read-only copy of [@p src, @p src + @p size) (fast_get.h),
 * recorded so mod_free_all() puts it. NULL when the module has no cache,
 * on size mismatch or exhaustion.
 */
const void *mod_fast_get(struct processing_module *mod, const void *src, size_t size);
/** mod_free() of a fast-get copy. */
int mod_fast_put(struct processing_module *mod, const void *copy);

/**
 * Heap usage: bytes charged now and the high-water mark. A block is charged
 * its size rounded up to its allocation granule (max(align,
 * VREGION_MIN_ALIGN); VREGION_CACHE_LINE for coherent), closer to what it
 * costs than SOF's requested bytes (M8). Either output may be NULL.
 * Returns 0 or -EINVAL.
 */
int mod_heap_usage(struct processing_module *mod, size_t *usage, size_t *high_water_mark);
/** Number of live recorded resources. */
size_t mod_resource_count(struct processing_module *mod);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_AUDIO_MODULE_H */
