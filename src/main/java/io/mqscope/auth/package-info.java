/**
 * Vendor MQTT signing (Aliyun IoT Platform, Aliyun MQTT, Tencent, Huawei IoTDA, OneNET): pure functions from the
 * vendor's inputs and an explicit instant to the CONNECT credentials and the exact string that was signed.
 */
package io.mqscope.auth;
