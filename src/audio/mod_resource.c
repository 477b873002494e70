/* SPDX-License-Identifier: BSD-3-Clause */
/* The module resource API (spec 6): every allocation recorded, any kind freed. */
#include <errno.h>
#include <string.h>

#include <vregion/audio/data_blob.h>
#include <vregion/audio/fast_get.h>
#include <vregion/audio/module.h>
#include <vregion/config.h>

/* One recorded resource; a slot of the module's object pool. */
struct module_resource {
	union {
		void *ptr;
		struct data_blob_handler *bhp;
		const void *copy;
	} u;
	size_t size; /* bytes charged (heap kinds only) */
	uint32_t type;
};

static struct mod_alloc_ctx *core_ctx(struct processing_module *mod)
{
	return mod->res.ctx ? mod->res.ctx->core : NULL;
}

int mod_resource_init(struct processing_module *mod, struct audio_ctx *ctx,
		      struct fast_get_cache *fg)
{
	if (!mod)
		return -EINVAL;
	struct module_resources *r = &mod->res;
	memset(r, 0, sizeof(*r));
	r->ctx = ctx;
	r->fast_get = fg;
	objpool_head_init(&r->objpool, ctx ? ctx->core : NULL);
	return vr_lock_init(&r->lock);
}

void mod_resource_destroy(struct processing_module *mod)
{
	if (!mod)
		return;
	mod_free_all(mod);
	vr_lock_destroy(&mod->res.lock);
}

static size_t charge(uint32_t flags, size_t size, size_t align)
{
	size_t g = align > VREGION_MIN_ALIGN ? align : VREGION_MIN_ALIGN;
	if ((flags & SOF_MEM_FLAG_COHERENT) && g < VREGION_CACHE_LINE)
		g = VREGION_CACHE_LINE;
	size_t r = (size + g - 1u) & ~(g - 1u);
	return r < size ? size : r;
}

/* Under the lock: record @p p, or give it back when no container can be had. */
static bool record(struct processing_module *mod, void *p, size_t bytes, uint32_t type)
{
	struct module_resources *r = &mod->res;
	struct module_resource *c = objpool_alloc(&r->objpool, sizeof(*c), 0);
	if (!c)
		return false;
	c->u.ptr = p;
	c->size = bytes;
	c->type = type;
	r->count++;
	r->heap_usage += bytes;
	if (r->heap_usage > r->heap_high_water_mark)
		r->heap_high_water_mark = r->heap_usage;
	return true;
}

void *mod_alloc_ext(struct processing_module *mod, uint32_t flags, size_t size, size_t align)
{
	/* Validate before touching the pool: a refused request takes no container (M9). */
	if (!mod || !size || (align & (align - 1u)))
		return NULL;
	vr_lock_take(&mod->res.lock);
	/*
	 * Memory first, container second: if the container pool cannot grow, the
	 * block just taken is the newest and its free gives it back even in
	 * lifetime mode, so a failure leaves nothing behind.
	 */
	void *p = sof_ctx_alloc(core_ctx(mod), flags, size, align);
	if (p && !record(mod, p, charge(flags, size, align), MOD_RES_HEAP)) {
		sof_ctx_free(core_ctx(mod), p);
		p = NULL;
	}
	vr_lock_give(&mod->res.lock);
	return p;
}

void *mod_alloc_align(struct processing_module *mod, size_t size, size_t align)
{
	return mod_alloc_ext(mod, SOF_MEM_FLAG_USER, size, align);
}

void *mod_alloc(struct processing_module *mod, size_t size)
{
	return mod_alloc_align(mod, size, 0);
}

void *mod_zalloc(struct processing_module *mod, size_t size)
{
	void *p = mod_alloc(mod, size);
	if (p)
		memset(p, 0, size);
	return p;
}

/* The heap-only view of the module's context: where buffer memory comes from. */
static struct mod_alloc_ctx heap_ctx(struct processing_module *mod)
{
	struct mod_alloc_ctx *c = core_ctx(mod);
	struct mod_alloc_ctx h = { c ? c->heap : NULL, NULL };
	return h;
}

void *mod_balloc_align(struct processing_module *mod, size_t size, size_t align)
{
	if (!mod || !size || (align & (align - 1u)))
		return NULL;
	vr_lock_take(&mod->res.lock);
	struct mod_alloc_ctx h = heap_ctx(mod);
	void *p = sof_ctx_alloc(&h, SOF_MEM_FLAG_USER | SOF_MEM_FLAG_LARGE_BUFFER, size, align);
	if (p && !record(mod, p, charge(0, size, align), MOD_RES_BUFFER)) {
		sof_ctx_free(&h, p);
		p = NULL;
	}
	vr_lock_give(&mod->res.lock);
	return p;
}

void *mod_balloc(struct processing_module *mod, size_t size)
{
	return mod_balloc_align(mod, size, 0);
}

/* Under the lock: release what @p c records and give the container back. */
static int release(struct processing_module *mod, struct module_resource *c)
{
	struct module_resources *r = &mod->res;
	int ret = 0;
	switch (c->type) {
	case MOD_RES_HEAP:
		ret = sof_ctx_free(core_ctx(mod), c->u.ptr);
		break;
	case MOD_RES_BUFFER: {
		/* To the heap it came from, whatever the region says (M1). */
		struct mod_alloc_ctx h = heap_ctx(mod);
		ret = sof_ctx_free(&h, c->u.ptr);
		break;
	}
	case MOD_RES_BLOB_HANDLER:
		data_blob_handler_free(c->u.bhp);
		break;
	case MOD_RES_FAST_GET:
		ret = fast_put(r->fast_get, c->u.copy);
		break;
	default:
		return -EINVAL;
	}
	r->heap_usage -= c->size;
	r->count--;
	objpool_free(&r->objpool, c);
	return ret;
}

struct find_arg {
	const void *ptr;
	struct module_resource *found;
};

static bool find_cb(void *data, void *arg)
{
	struct module_resource *c = data;
	struct find_arg *fa = arg;
	if (c->u.copy != fa->ptr)
		return false;
	fa->found = c;
	return true;
}

int mod_free(struct processing_module *mod, const void *ptr)
{
	if (!mod)
		return -EINVAL;
	if (!ptr)
		return 0;
	vr_lock_take(&mod->res.lock);
	struct find_arg fa = { ptr, NULL };
	objpool_iterate(&mod->res.objpool, find_cb, &fa);
	int ret = fa.found ? release(mod, fa.found) : -ENOENT;
	vr_lock_give(&mod->res.lock);
	if (!fa.found)
		vr_log(VR_LOG_WARN, "mod_free: %s does not own %p", mod->name, ptr);
	return ret;
}

static bool release_cb(void *data, void *arg)
{
	release(arg, data);
	return false;
}

void mod_free_all(struct processing_module *mod)
{
	if (!mod)
		return;
	vr_lock_take(&mod->res.lock);
	objpool_iterate(&mod->res.objpool, release_cb, mod);
	objpool_prune(&mod->res.objpool);
	objpool_head_init(&mod->res.objpool, core_ctx(mod));
	mod->res.heap_usage = 0;
	mod->res.count = 0;
	vr_lock_give(&mod->res.lock);
}

struct data_blob_handler *mod_data_blob_handler_new(struct processing_module *mod)
{
	if (!mod)
		return NULL;
	struct data_blob_handler *bh = data_blob_handler_new();
	if (!bh)
		return NULL;
	vr_lock_take(&mod->res.lock);
	bool ok = record(mod, bh, 0, MOD_RES_BLOB_HANDLER);
	vr_lock_give(&mod->res.lock);
	if (!ok) {
		data_blob_handler_free(bh);
		return NULL;
	}
	return bh;
}

int mod_data_blob_handler_free(struct processing_module *mod, struct data_blob_handler *bh)
{
	return mod_free(mod, bh);
}

const void *mod_fast_get(struct processing_module *mod, const void *src, size_t size)
{
	if (!mod || !mod->res.fast_get)
		return NULL;
	const void *copy = fast_get(mod->res.fast_get, src, size);
	if (!copy)
		return NULL;
	vr_lock_take(&mod->res.lock);
	bool ok = record(mod, (void *)(uintptr_t)copy, 0, MOD_RES_FAST_GET);
	vr_lock_give(&mod->res.lock);
	if (!ok) {
		fast_put(mod->res.fast_get, copy);
		return NULL;
	}
	return copy;
}

int mod_fast_put(struct processing_module *mod, const void *copy)
{
	return mod_free(mod, copy);
}

int mod_heap_usage(struct processing_module *mod, size_t *usage, size_t *high_water_mark)
{
	if (!mod)
		return -EINVAL;
	vr_lock_take(&mod->res.lock);
	if (usage)
		*usage = mod->res.heap_usage;
	if (high_water_mark)
		*high_water_mark = mod->res.heap_high_water_mark;
	vr_lock_give(&mod->res.lock);
	return 0;
}

size_t mod_resource_count(struct processing_module *mod)
{
	if (!mod)
		return 0;
	vr_lock_take(&mod->res.lock);
	size_t n = mod->res.count;
	vr_lock_give(&mod->res.lock);
	return n;
}
