/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The system heap: a vheap over the platform's span, set up on first use
 * under the system-heap lock. Everything that must outlive a region (region
 * and context metadata, shared tables) comes from here.
 */
#include <errno.h>
#include <string.h>

#include <vregion/platform.h>
#include <vregion/sysheap.h>

#include "util.h"

static struct vheap heap;
static bool ready;
static bool tried;

/* Called with the lock held. */
static bool heap_ready(void)
{
	if (ready || tried)
		return ready;
	tried = true;
	void *base;
	size_t bytes;
	if (vr_platform_sysheap_span(&base, &bytes) < 0 || vheap_init(&heap, base, bytes) < 0) {
		VR_LOG(VR_LOG_ERR, "sysheap: the platform gave no usable span");
		return false;
	}
	ready = true;
	return true;
}

void *sys_heap_alloc(size_t bytes, size_t align)
{
	void *p = NULL;
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (heap_ready() && !VR_FAULT(VR_FAULT_SYSHEAP))
		p = vheap_alloc_align(&heap, bytes, align);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return p;
}

void *sys_heap_zalloc(size_t bytes, size_t align)
{
	void *p = sys_heap_alloc(bytes, align);
	if (p)
		memset(p, 0, bytes);
	return p;
}

int sys_heap_free(void *ptr)
{
	if (!ptr)
		return 0;
	int ret = -EINVAL;
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (ready)
		ret = vheap_free(&heap, ptr);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	if (ret == -EINVAL && !ready)
		VR_LOG(VR_LOG_ERR, "sysheap: free of %p before the heap exists", ptr);
	return ret;
}

bool sys_heap_contains(const void *ptr)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	bool in = ready && vheap_contains(&heap, ptr);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return in;
}

int sys_heap_stats(struct vheap_stats *st)
{
	if (!st)
		return -EINVAL;
	memset(st, 0, sizeof(*st));
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	if (ready)
		vheap_stats(&heap, st);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return 0;
}

int sys_heap_validate(void)
{
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	int ret = ready ? vheap_validate(&heap) : 0;
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	return ret;
}
