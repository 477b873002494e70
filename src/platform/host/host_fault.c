/* SPDX-License-Identifier: BSD-3-Clause */
/* Host failure injection: a counter per armed mask, all atomics. */
#include <stdatomic.h>

#include <vregion/fault.h>

static atomic_uint armed_mask;
static atomic_ulong target;
static atomic_ulong seen;
static atomic_bool fired;

void vr_fault_arm(unsigned int site_mask, unsigned long nth)
{
	atomic_store(&armed_mask, 0u);
	atomic_store(&seen, 0ul);
	atomic_store(&fired, false);
	atomic_store(&target, nth);
	atomic_store(&armed_mask, site_mask);
}

unsigned long vr_fault_seen(void)
{
	return atomic_load(&seen);
}

bool vr_fault_fired(void)
{
	return atomic_load(&fired);
}

bool vr_fault_inject(enum vr_fault_site site)
{
	if (!(atomic_load(&armed_mask) & VR_FAULT_MASK(site)))
		return false;
	unsigned long n = atomic_fetch_add(&seen, 1ul) + 1ul;
	if (n != atomic_load(&target))
		return false;
	atomic_store(&fired, true);
	return true;
}
