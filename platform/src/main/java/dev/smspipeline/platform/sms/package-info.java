/**
 * Facts about SMS as a carrier sends it, the same for every service: how many segments a
 * text takes.
 */
package dev.smspipeline.platform.sms;
