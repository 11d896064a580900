//! A small allocator for the content script.
//!
//! The content script is Wasm converted to JavaScript (docs/architecture.md §8), and every kilobyte
//! of it is
//! parsed on each LinkedIn page load. dlmalloc, Rust's default on wasm32, was the largest single
//! piece of the bundle (~15 KB of JavaScript). The content script's allocations are small and
//! repetitive (attribute strings, short vectors), which suits power-of-two size classes with a free
//! list each: blocks are reused within their class, never split or merged.

use std::alloc::{GlobalAlloc, Layout};
use std::cell::UnsafeCell;

const PAGE: usize = 65_536;
const CLASSES: usize = 32;
/// Every block is aligned to this; larger alignments bypass the free lists.
const BASE_ALIGN: usize = 16;

extern "C" {
    /// Set by the linker (wasm-ld): the first address after the stack and static data.
    static __heap_base: u8;
}

struct Heap {
    free: [usize; CLASSES],
    next: usize,
    end: usize,
}

pub struct Buckets(UnsafeCell<Heap>);

// Safety: wasm32 without threads has one thread; the content script is never built with atomics.
unsafe impl Sync for Buckets {}

impl Buckets {
    pub const fn new() -> Self {
        Buckets(UnsafeCell::new(Heap {
            free: [0; CLASSES],
            next: 0,
            end: 0,
        }))
    }
}

fn class_of(size: usize) -> usize {
    let size = size.max(BASE_ALIGN);
    (usize::BITS - (size - 1).leading_zeros()) as usize
}

unsafe impl GlobalAlloc for Buckets {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let heap = &mut *self.0.get();
        let class = class_of(layout.size().max(layout.align()));
        if class >= CLASSES {
            return std::ptr::null_mut();
        }
        let size = 1usize << class;
        if layout.align() <= BASE_ALIGN {
            let head = heap.free[class];
            if head != 0 {
                heap.free[class] = *(head as *const usize);
                return head as *mut u8;
            }
        }
        let align = layout.align().max(BASE_ALIGN);
        if heap.end == 0 {
            // First use: the heap starts where the linker says static data ends, and the memory
            // already there is used before any growth. Growing costs a copy of the whole memory in
            // the wasm2js build (a new ArrayBuffer), which showed in start-up profiles.
            heap.next = core::ptr::addr_of!(__heap_base) as usize;
            heap.end = core::arch::wasm32::memory_size(0) * PAGE;
        }
        let mut start = (heap.next + align - 1) & !(align - 1);
        if start + size > heap.end {
            let pages = (size + align).div_ceil(PAGE).max(16);
            let old = core::arch::wasm32::memory_grow(0, pages);
            if old == usize::MAX {
                return std::ptr::null_mut();
            }
            let base = old * PAGE;
            // A new region continues the old one when nothing else grew memory in between.
            if base != heap.end {
                heap.next = base;
            }
            heap.end = base + pages * PAGE;
            start = (heap.next + align - 1) & !(align - 1);
        }
        heap.next = start + size;
        start as *mut u8
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        if layout.align() > BASE_ALIGN {
            // Rare over-aligned blocks are not reused: a later user of the class might need less
            // alignment but the list would hand them out as 16-aligned.
            return;
        }
        let heap = &mut *self.0.get();
        let class = class_of(layout.size().max(layout.align()));
        *(ptr as *mut usize) = heap.free[class];
        heap.free[class] = ptr as usize;
    }
}
