/* SPDX-License-Identifier: BSD-3-Clause */
/* Shared allocation contexts with one region reference per holder. */
#include <errno.h>

#include <vregion/audio/audio_ctx.h>
#include <vregion/sysheap.h>

struct audio_ctx *audio_ctx_create(struct vregion *vr)
{
	struct audio_ctx *c = sys_heap_zalloc(sizeof(*c), 0);
	if (!c)
		return NULL;
	c->core = sof_ctx_new(NULL, vr);
	if (!c->core) {
		sys_heap_free(c);
		return NULL;
	}
	atomic_init(&c->holders, 1u);
	return c;
}

struct audio_ctx *audio_ctx_create_sized(size_t heap_bytes, int *err)
{
	struct vregion *vr = NULL;
	if (heap_bytes) {
		vr = vregion_create(heap_bytes);
		if (!vr) {
			if (err)
				*err = -ENOMEM;
			return NULL;
		}
	}
	struct audio_ctx *c = audio_ctx_create(vr);
	if (!c) {
		vregion_put(vr);
		if (err)
			*err = -ENOMEM;
	}
	return c;
}

struct audio_ctx *audio_ctx_hold(struct audio_ctx *c)
{
	if (!c)
		return NULL;
	atomic_fetch_add(&c->holders, 1u);
	vregion_get(c->core->vreg);
	return c;
}

void audio_ctx_release(struct audio_ctx *c)
{
	if (!c)
		return;
	/* Read before the count drops: another holder may free c right after. */
	struct vregion *vr = c->core->vreg;
	if (atomic_fetch_sub(&c->holders, 1u) > 1u) {
		vregion_put(vr);
		return;
	}
	sof_ctx_delete(c->core);
	sys_heap_free(c);
}

struct vregion *audio_ctx_region(const struct audio_ctx *c)
{
	return c ? c->core->vreg : NULL;
}

unsigned int audio_ctx_holders(const struct audio_ctx *c)
{
	return c ? atomic_load(&c->holders) : 0u;
}
