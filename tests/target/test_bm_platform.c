/* SPDX-License-Identifier: BSD-3-Clause */
/*
 * The bare-metal platform layer itself, on the target: spans given at
 * start-up win over the linker script and are refused once taken, the log
 * callback's level filter, vr_log_set_sink()'s formatter, the fault counter,
 * and the lock hooks of the configured VREGION_BM_LOCK. Each test image is
 * a fresh boot, so the span test runs first, before anything asks for a span.
 */
#include <errno.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <string.h>
#include <cmocka.h>

#include <vregion/baremetal.h>
#include <vregion/fault.h>
#include <vregion/log_sink.h>
#include <vregion/sysheap.h>
#include <vregion/vpage.h>

/* Which lock hooks the image has (set by target-tests.cmake). */
#ifndef VR_TEST_LOCK_IRQMASK
#define VR_TEST_LOCK_IRQMASK 0
#endif
#ifndef VR_TEST_LOCK_NONE
#define VR_TEST_LOCK_NONE 0
#endif

static _Alignas(8) unsigned char page_span[6 * VREGION_PAGE_SIZE];
static _Alignas(8) unsigned char heap_span[4096];

static bool inside(const void *p, const unsigned char *span, size_t bytes)
{
	uintptr_t a = (uintptr_t)p, lo = (uintptr_t)span;
	return a >= lo && a < lo + bytes;
}

static void test_given_spans_win_and_then_lock(void **state)
{
	(void)state;
	assert_int_equal(vr_bm_set_page_span(NULL, 4096), -EINVAL);
	assert_int_equal(vr_bm_set_page_span(page_span, 0), -EINVAL);
	assert_int_equal(vr_bm_set_sysheap_span(NULL, 64), -EINVAL);
	assert_int_equal(vr_bm_set_page_span(page_span, sizeof(page_span)), 0);
	assert_int_equal(vr_bm_set_sysheap_span(heap_span, sizeof(heap_span)), 0);
	/* The image's linker script also defines spans: the given ones win. */
	void *p = vpage_alloc(1);
	assert_true(inside(p, page_span, sizeof(page_span)));
	void *s = sys_heap_alloc(40, 0);
	assert_true(inside(s, heap_span, sizeof(heap_span)));
	/* Taken now: changing them would pull memory from under the core. */
	assert_int_equal(vr_bm_set_page_span(page_span, sizeof(page_span)), -EBUSY);
	assert_int_equal(vr_bm_set_sysheap_span(heap_span, sizeof(heap_span)), -EBUSY);
	assert_int_equal(vpage_free(p), 0);
	assert_int_equal(sys_heap_free(s), 0);
}

struct seen {
	unsigned int calls;
	enum vr_log_level level;
	int value;
	char line[300];
};
static struct seen seen;

static void callback(enum vr_log_level level, const char *fmt, va_list ap)
{
	seen.calls++;
	seen.level = level;
	if (strcmp(fmt, "value %d") == 0)
		seen.value = va_arg(ap, int);
}

static void test_log_callback_filters_levels(void **state)
{
	(void)state;
	memset(&seen, 0, sizeof(seen));
	vr_log(VR_LOG_ERR, "value %d", 1); /* no callback: dropped */
	assert_int_equal(seen.calls, 0);
	vr_bm_set_log(callback, VR_LOG_WARN);
	vr_log(VR_LOG_INFO, "value %d", 2);
	vr_log(VR_LOG_DEBUG, "value %d", 3);
	assert_int_equal(seen.calls, 0);
	vr_log(VR_LOG_WARN, "value %d", 4);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.level, VR_LOG_WARN);
	assert_int_equal(seen.value, 4);
	vr_log(VR_LOG_ERR, "value %d", 5);
	assert_int_equal(seen.calls, 2);
	assert_int_equal(seen.value, 5);
	vr_bm_set_log(NULL, VR_LOG_DEBUG);
	vr_log(VR_LOG_ERR, "value %d", 6);
	assert_int_equal(seen.calls, 2);
}

static void sink(enum vr_log_level level, const char *line, void *arg)
{
	struct seen *s = arg;
	s->calls++;
	s->level = level;
	strncpy(s->line, line, sizeof(s->line) - 1);
	s->line[sizeof(s->line) - 1] = '\0';
}

static void test_log_sink_formats_lines(void **state)
{
	(void)state;
	memset(&seen, 0, sizeof(seen));
	vr_log_set_sink(sink, &seen);
	vr_log(VR_LOG_DEBUG, "%d %u %ld %lu %zu %x %s %p", -42, 42u, -7L, 7UL, (size_t)4096,
	       0xbeefu, "name", (void *)0x2000u);
	assert_int_equal(seen.calls, 1);
	assert_int_equal(seen.level, VR_LOG_DEBUG);
	assert_string_equal(seen.line, "-42 42 -7 7 4096 beef name 0x2000");
	vr_log(VR_LOG_ERR, "[%5d|%-5d|%05u|%#x|%08x|%X|%c|%%|%lld|%llu|%-6s|%3s]", 42, 42, 42u,
	       255u, 0xabcu, 0xabcu, 'q', -5LL, 18446744073709551615ULL, "ab", "abcd");
	assert_string_equal(seen.line,
			    "[   42|42   |00042|0xff|00000abc|ABC|q|%|-5|18446744073709551615|ab    |abcd]");
	const char *volatile none = NULL; /* hidden from the format checker */
	vr_log(VR_LOG_WARN, "%s", none);
	assert_string_equal(seen.line, "(null)");
	/* A line is cut at 255 characters, as on the host. */
	char longer[300];
	memset(longer, 'x', sizeof(longer) - 1);
	longer[sizeof(longer) - 1] = '\0';
	vr_log(VR_LOG_WARN, "%s", longer);
	assert_int_equal(strlen(seen.line), 255);
	/* NULL brings back the bare-metal default: silence. */
	unsigned int calls = seen.calls;
	vr_log_set_sink(NULL, NULL);
	vr_log(VR_LOG_ERR, "dropped");
	assert_int_equal(seen.calls, calls);
}

static void test_fault_counter(void **state)
{
	(void)state;
#if VREGION_FAULT_INJECTION
	vr_fault_arm(VR_FAULT_MASK(VR_FAULT_SYSHEAP), 2);
	void *a = sys_heap_alloc(16, 0);
	void *b = sys_heap_alloc(16, 0);
	void *c = sys_heap_alloc(16, 0);
	assert_non_null(a);
	assert_null(b);
	assert_non_null(c);
	assert_true(vr_fault_fired());
	assert_int_equal(vr_fault_seen(), 3);
	vr_fault_arm(0, 0);
	assert_false(vr_fault_fired());
	assert_int_equal(sys_heap_free(a), 0);
	assert_int_equal(sys_heap_free(c), 0);
	assert_int_equal(vr_fault_seen(), 0); /* no site armed: nothing counted */
#else
	skip();
#endif
}

#if VR_TEST_LOCK_IRQMASK || VR_TEST_LOCK_NONE
static uint32_t primask(void)
{
	uint32_t v;
	__asm__ volatile("mrs %0, primask" : "=r"(v));
	return v & 1u;
}
#endif

static void test_lock_hooks(void **state)
{
	(void)state;
#if VR_TEST_LOCK_IRQMASK || VR_TEST_LOCK_NONE
	vr_lock_t lock;
	const uint32_t masked = VR_TEST_LOCK_IRQMASK ? 1u : 0u;
	assert_int_equal(vr_lock_init(&lock), 0);
	assert_int_equal(primask(), 0);
	vr_lock_take(&lock);
	assert_int_equal(primask(), masked);
	vr_global_lock_take(VR_GLOBAL_LOCK_PAGES); /* nested, LIFO */
	assert_int_equal(primask(), masked);
	vr_global_lock_give(VR_GLOBAL_LOCK_PAGES);
	assert_int_equal(primask(), masked); /* still inside the outer lock */
	vr_lock_give(&lock);
	assert_int_equal(primask(), 0);
	/* Taken with interrupts already masked: giving back keeps them masked. */
	__asm__ volatile("cpsid i" : : : "memory");
	vr_global_lock_take(VR_GLOBAL_LOCK_SYSHEAP);
	vr_global_lock_give(VR_GLOBAL_LOCK_SYSHEAP);
	assert_int_equal(primask(), 1);
	__asm__ volatile("cpsie i" : : : "memory");
	vr_lock_destroy(&lock);
#else
	skip(); /* VREGION_BM_LOCK=external: tests/target/check_lock.c checks pairing */
#endif
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_given_spans_win_and_then_lock),
		cmocka_unit_test(test_log_callback_filters_levels),
		cmocka_unit_test(test_log_sink_formats_lines),
		cmocka_unit_test(test_fault_counter),
		cmocka_unit_test(test_lock_hooks),
	};
	return cmocka_run_group_tests_name("bm_platform", tests, NULL, NULL);
}
