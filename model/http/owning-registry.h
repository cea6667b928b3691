/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef OWNING_REGISTRY_H
#define OWNING_REGISTRY_H

#include <cstdint>
#include <map>
#include <memory>

namespace ns3
{

/**
 * \ingroup web-proxy
 * Owns an application's objects (connections, transactions) and walks them in the order they
 * were added.
 *
 * A std::map keyed by pointer walks its objects in address order, which changes from run to
 * run with the heap's layout: a client that reused "the first idle connection" of such a map
 * picked a different one in each run, and the same seed and run number gave different
 * results. Here the walk is in creation order; membership tests are by pointer value (safe for a
 * pointer whose object is gone), and that index's order is never walked.
 *
 * \tparam T the owned type
 */
template <typename T>
class OwningRegistry
{
    using Objects = std::map<uint64_t, std::unique_ptr<T>>;

  public:
    /// Walks the objects (as T*) oldest first.
    class Iterator
    {
      public:
        /// \param it position in the serial-ordered map
        explicit Iterator(typename Objects::const_iterator it)
            : m_it(it)
        {}

        /// \return the object
        T* operator*() const
        {
            return m_it->second.get();
        }

        /// \return the next position
        Iterator& operator++()
        {
            ++m_it;
            return *this;
        }

        /// \param o another position \return whether they differ
        bool operator!=(const Iterator& o) const
        {
            return m_it != o.m_it;
        }

      private:
        typename Objects::const_iterator m_it; //!< position
    };

    /**
     * Take ownership of an object.
     * \param object the object
     * \return the object's pointer
     */
    T* Add(std::unique_ptr<T> object)
    {
        T* raw = object.get();
        const uint64_t serial = m_next++;
        m_index.emplace(raw, serial);
        m_objects.emplace(serial, std::move(object));
        return raw;
    }

    /**
     * \param object any pointer, also one whose object was destroyed
     * \return whether the registry owns it
     */
    bool Contains(const T* object) const
    {
        return m_index.find(object) != m_index.end();
    }

    /**
     * Destroy an object the registry owns; nothing if it does not own it. The object is
     * destroyed after it has left the registry, so that its destructor may use the registry.
     * \param object the object
     * \return whether it was owned
     */
    bool Erase(const T* object)
    {
        auto it = m_index.find(object);
        if (it == m_index.end())
        {
            return false;
        }
        auto owned = m_objects.find(it->second);
        std::unique_ptr<T> dying = std::move(owned->second);
        m_objects.erase(owned);
        m_index.erase(it);
        return true;
    }

    /// \return the oldest object (the registry must not be empty)
    T* Front() const
    {
        return m_objects.begin()->second.get();
    }

    /// \return the number of objects
    std::size_t Size() const
    {
        return m_objects.size();
    }

    /// \return whether there are none
    bool IsEmpty() const
    {
        return m_objects.empty();
    }

    /// Destroy every object.
    void Clear()
    {
        Objects dying = std::move(m_objects);
        m_objects.clear();
        m_index.clear();
    }

    /// \return the first position
    Iterator begin() const
    {
        return Iterator(m_objects.begin());
    }

    /// \return the end position
    Iterator end() const
    {
        return Iterator(m_objects.end());
    }

  private:
    Objects m_objects; //!< objects by creation serial
    /// Serial of each object. A std::map, not a hash map: most registries hold one to four
    /// objects (a client's connections), where a hash map's bucket array cost about 100 bytes
    /// per registry and an ordered lookup is as fast.
    std::map<const T*, uint64_t> m_index;
    uint64_t m_next{0}; //!< serial of the next object
};

} // namespace ns3

#endif // OWNING_REGISTRY_H
