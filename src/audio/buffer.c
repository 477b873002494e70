/* SPDX-License-Identifier: BSD-3-Clause */
/* Ring buffers between module pins; ring memory is interim memory (M7). */
#include <errno.h>
#include <string.h>

#include <vregion/audio/buffer.h>
#include <vregion/sysheap.h>

/* The buffer's lock, taken only when a DP thread may touch the buffer. */
static void take(struct comp_buffer *b)
{
	if (b->shared)
		vr_lock_take(&b->lock);
}

static void give(struct comp_buffer *b)
{
	if (b->shared)
		vr_lock_give(&b->lock);
}

void buffer_set_shared(struct comp_buffer *b, bool shared)
{
	if (b)
		b->shared = shared;
}

static bool ring_may_allocate(const struct comp_buffer *b)
{
	struct vregion *vr = audio_ctx_region(b->ctx);
	if (!vr)
		return true;
	struct vregion_stats st;
	if (vregion_stats(vr, &st))
		return false;
	return st.mode != VREGION_MEM_TYPE_LIFETIME;
}

struct comp_buffer *buffer_new(struct audio_ctx *ctx, size_t bytes, const struct audio_fmt *fmt)
{
	if (!ctx || !bytes)
		return NULL;
	struct comp_buffer *b = sys_heap_zalloc(sizeof(*b), 0);
	if (!b)
		return NULL;
	if (vr_lock_init(&b->lock)) {
		sys_heap_free(b);
		return NULL;
	}
	if (fmt)
		b->fmt = *fmt;
	b->frame_bytes = audio_fmt_frame_bytes(&b->fmt);
	if (!b->frame_bytes)
		b->frame_bytes = 1;
	b->size = (bytes + b->frame_bytes - 1u) / b->frame_bytes * b->frame_bytes;
	b->shared = true;
	b->ctx = audio_ctx_hold(ctx);
	if (buffer_alloc_ring(b)) {
		buffer_free(b);
		return NULL;
	}
	return b;
}

int buffer_alloc_ring(struct comp_buffer *b)
{
	if (!b)
		return -EINVAL;
	if (b->data || !ring_may_allocate(b))
		return 0;
	void *p = sof_ctx_zalloc(b->ctx->core, SOF_MEM_FLAG_USER, b->size, 0);
	if (!p)
		return -ENOMEM;
	take(b);
	b->data = p;
	b->rpos = b->wpos = b->avail = 0;
	give(b);
	return 0;
}

void buffer_free(struct comp_buffer *b)
{
	if (!b)
		return;
	struct audio_ctx *ctx = b->ctx;
	if (b->data)
		sof_ctx_free(ctx->core, b->data);
	vr_lock_destroy(&b->lock);
	sys_heap_free(b);
	audio_ctx_release(ctx);
}

size_t buffer_avail(struct comp_buffer *b)
{
	take(b);
	size_t n = b->avail;
	give(b);
	return n;
}

size_t buffer_free_space(struct comp_buffer *b)
{
	take(b);
	size_t n = b->data ? b->size - b->avail : 0;
	give(b);
	return n;
}

size_t buffer_read(struct comp_buffer *b, void *dst, size_t bytes)
{
	take(b);
	size_t n = bytes < b->avail ? bytes : b->avail;
	n -= n % b->frame_bytes;
	size_t first = b->size - b->rpos < n ? b->size - b->rpos : n;
	if (dst && n) {
		memcpy(dst, b->data + b->rpos, first);
		memcpy((uint8_t *)dst + first, b->data, n - first);
	}
	b->rpos = (b->rpos + n) % (b->size ? b->size : 1u);
	b->avail -= n;
	if (n < bytes)
		b->underruns++;
	give(b);
	return n;
}

size_t buffer_write(struct comp_buffer *b, const void *src, size_t bytes)
{
	take(b);
	size_t room = b->data ? b->size - b->avail : 0;
	size_t n = bytes < room ? bytes : room;
	n -= n % b->frame_bytes;
	size_t first = b->size - b->wpos < n ? b->size - b->wpos : n;
	if (n) {
		if (src) {
			memcpy(b->data + b->wpos, src, first);
			memcpy(b->data, (const uint8_t *)src + first, n - first);
		} else {
			memset(b->data + b->wpos, 0, first);
			memset(b->data, 0, n - first);
		}
	}
	b->wpos = (b->wpos + n) % (b->size ? b->size : 1u);
	b->avail += n;
	if (n < bytes)
		b->overruns++;
	give(b);
	return n;
}

void buffer_reset(struct comp_buffer *b)
{
	take(b);
	if (b->data)
		memset(b->data, 0, b->size);
	b->rpos = b->wpos = b->avail = 0;
	give(b);
}

bool buffer_has_ring(struct comp_buffer *b)
{
	take(b);
	bool r = b->data != NULL;
	give(b);
	return r;
}
