/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * Failure injection for tests (host platform): make the Nth allocation among
 * chosen sites fail, the SQLite way, to prove every failure path is clean.
 * Thread-safe (atomics). Compiled in when VREGION_FAULT_INJECTION is 1.
 */
#ifndef VREGION_FAULT_H
#define VREGION_FAULT_H

#include <stdbool.h>

#include <vregion/platform.h>

#ifdef __cplusplus
extern "C" {
#endif

/** Bit of @p site in a site mask. */
#define VR_FAULT_MASK(site) (1u << (site))
/** Every site. */
#define VR_FAULT_ALL ((1u << VR_FAULT_SITE_COUNT) - 1u)

/**
 * Arm: counting from now, the @p nth (1-based) allocation at any site in
 * @p site_mask fails, and only that one. @p nth 0 disarms and only counts.
 */
void vr_fault_arm(unsigned int site_mask, unsigned long nth);
/** Allocations at the armed sites seen since the last vr_fault_arm(). */
unsigned long vr_fault_seen(void);
/** True once the armed failure has been delivered. */
bool vr_fault_fired(void);

#ifdef __cplusplus
}
#endif
#endif /* VREGION_FAULT_H */
