/**
 * The classes of Django's logging defaults ({@code django.utils.log}) that a dictConfig names as
 * handlers; not exported: found through {@link java.util.ServiceLoader}.
 */
package dev.sluice.config.django;
