/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef HUGE_PAGE_ALLOCATOR_H
#define HUGE_PAGE_ALLOCATOR_H

#include <cstddef>
#include <cstdlib>
#include <new>

#ifdef __linux__
#include <sys/mman.h>
#endif

namespace ns3
{

/**
 * \ingroup web-proxy
 * Allocator for the large arrays that are read at random (a replacement policy's index,
 * node pool and heap): allocations of 2 MiB or more are 2 MiB-aligned and marked for
 * transparent huge pages (Linux madvise(MADV_HUGEPAGE); the kernel's default "madvise" mode
 * gives them only when asked). Random accesses over tens of MB then cost a cache miss
 * without a TLB miss on top (a page walk, nested under virtualization). Smaller
 * allocations, and other systems, use operator new.
 *
 * \tparam T the element type
 */
template <typename T>
class HugePageAllocator
{
  public:
    /// Element type.
    using value_type = T;

    HugePageAllocator() = default;

    /// Rebinding copy (stateless).
    template <typename U>
    HugePageAllocator(const HugePageAllocator<U>&)
    {}

    /**
     * \param n elements
     * \return storage for them
     */
    T* allocate(std::size_t n)
    {
        const std::size_t bytes = n * sizeof(T);
        if (bytes < HUGE_PAGE)
        {
            return static_cast<T*>(::operator new(bytes, std::align_val_t(alignof(T))));
        }
        void* p = std::aligned_alloc(HUGE_PAGE, Rounded(bytes));
        if (p == nullptr)
        {
            throw std::bad_alloc();
        }
#ifdef MADV_HUGEPAGE
        madvise(p, Rounded(bytes), MADV_HUGEPAGE); // a hint: failure only costs speed
#endif
        return static_cast<T*>(p);
    }

    /**
     * \param p storage from allocate
     * \param n its element count
     */
    void deallocate(T* p, std::size_t n)
    {
        if (n * sizeof(T) < HUGE_PAGE)
        {
            ::operator delete(p, std::align_val_t(alignof(T)));
        }
        else
        {
            std::free(p);
        }
    }

    /**
     * Stateless: every instance frees what any other allocated.
     * \return true
     */
    template <typename U>
    bool operator==(const HugePageAllocator<U>&) const
    {
        return true;
    }

    /**
     * Stateless: every instance frees what any other allocated.
     * \return false
     */
    template <typename U>
    bool operator!=(const HugePageAllocator<U>&) const
    {
        return false;
    }

  private:
    static constexpr std::size_t HUGE_PAGE = std::size_t(2) << 20; //!< x86-64 huge page

    /// \param bytes a size \return it rounded up to whole huge pages
    static std::size_t Rounded(std::size_t bytes)
    {
        return (bytes + HUGE_PAGE - 1) / HUGE_PAGE * HUGE_PAGE;
    }
};

} // namespace ns3

#endif // HUGE_PAGE_ALLOCATOR_H
