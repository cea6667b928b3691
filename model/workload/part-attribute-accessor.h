/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef PART_ATTRIBUTE_ACCESSOR_H
#define PART_ATTRIBUTE_ACCESSOR_H

#include "ns3/attribute-accessor-helper.h"

namespace ns3
{

/**
 * \ingroup web-proxy
 * Finds a part in the object that holds it: the part's class registers attributes of its
 * holder without knowing the holder's type.
 * \tparam P the part type
 */
template <typename P>
using PartLocator = P& (*)(ObjectBase& holder);

/**
 * \ingroup web-proxy
 * \brief An attribute accessor for a parameter of a part of an object.
 *
 * What MakeDoubleAccessor(&T::m_x) and the like are for a member of T itself, for a member
 * of P::Parameters (P::GetParameters()) of a part P of the object, so that an object composed
 * of parts keeps its attributes while each part declares and keeps the parameters it uses.
 *
 * \tparam V the AttributeValue type (DoubleValue, PointerValue, ...)
 * \tparam P the part type
 * \tparam U the parameter type
 * \param locate finds the part in its holder
 * \param member the parameter member of P::Parameters
 * \return the accessor
 */
template <typename V, typename P, typename U>
Ptr<const AttributeAccessor>
MakePartAccessor(PartLocator<P> locate, U P::Parameters::*member)
{
    /// The accessor.
    class PartMember : public AccessorHelper<ObjectBase, V>
    {
      public:
        /**
         * \param locate finds the part
         * \param member the parameter
         */
        PartMember(PartLocator<P> locate, U P::Parameters::*member)
            : m_locate(locate)
            , m_member(member)
        {}

      private:
        bool DoSet(ObjectBase* object, const V* v) const override
        {
            typename AccessorTrait<U>::Result tmp;
            if (!v->GetAccessor(tmp))
            {
                return false;
            }
            m_locate(*object).GetParameters().*m_member = tmp;
            return true;
        }

        bool DoGet(const ObjectBase* object, V* v) const override
        {
            // The locator serves both directions; the value is only read here.
            v->Set(m_locate(const_cast<ObjectBase&>(*object)).GetParameters().*m_member);
            return true;
        }

        bool HasGetter() const override
        {
            return true;
        }

        bool HasSetter() const override
        {
            return true;
        }

        PartLocator<P> m_locate;    //!< finds the part
        U P::Parameters::*m_member; //!< the parameter
    };

    return Ptr<const AttributeAccessor>(new PartMember(locate, member), false);
}

/**
 * \ingroup web-proxy
 * \brief An attribute accessor through a setter and a getter of a part of an object (for
 * attributes that are parsed, like MakeStringAccessor(&T::Set, &T::Get)).
 *
 * \tparam V the AttributeValue type
 * \tparam P the part type
 * \tparam U the setter's argument and the getter's result type
 * \param locate finds the part in its holder
 * \param setter the part's setter
 * \param getter the part's getter
 * \return the accessor
 */
template <typename V, typename P, typename U>
Ptr<const AttributeAccessor>
MakePartAccessor(PartLocator<P> locate, void (P::*setter)(U), U (P::*getter)() const)
{
    /// The accessor.
    class PartMethods : public AccessorHelper<ObjectBase, V>
    {
      public:
        /**
         * \param locate finds the part
         * \param setter the setter
         * \param getter the getter
         */
        PartMethods(PartLocator<P> locate, void (P::*setter)(U), U (P::*getter)() const)
            : m_locate(locate)
            , m_setter(setter)
            , m_getter(getter)
        {}

      private:
        bool DoSet(ObjectBase* object, const V* v) const override
        {
            typename AccessorTrait<U>::Result tmp;
            if (!v->GetAccessor(tmp))
            {
                return false;
            }
            (m_locate(*object).*m_setter)(tmp);
            return true;
        }

        bool DoGet(const ObjectBase* object, V* v) const override
        {
            v->Set((m_locate(const_cast<ObjectBase&>(*object)).*m_getter)());
            return true;
        }

        bool HasGetter() const override
        {
            return true;
        }

        bool HasSetter() const override
        {
            return true;
        }

        PartLocator<P> m_locate;  //!< finds the part
        void (P::*m_setter)(U);   //!< the setter
        U (P::*m_getter)() const; //!< the getter
    };

    return Ptr<const AttributeAccessor>(new PartMethods(locate, setter, getter), false);
}

} // namespace ns3

#endif // PART_ATTRIBUTE_ACCESSOR_H
