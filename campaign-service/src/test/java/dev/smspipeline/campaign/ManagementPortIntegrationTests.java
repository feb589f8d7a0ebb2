package dev.smspipeline.campaign;

import org.springframework.boot.test.web.server.LocalManagementPort;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.smspipeline.campaign.support.CampaignServiceTest;
import dev.smspipeline.testsupport.observability.ManagementPortContract;

/**
 * campaign-service serves metrics and its full health on the management port only, and
 * keeps {@code /livez} and {@code /readyz} (no API key) on the service port.
 */
@CampaignServiceTest
class ManagementPortIntegrationTests implements ManagementPortContract {

	@LocalServerPort
	int servicePort;

	@LocalManagementPort
	int managementPort;

	@Override
	public int servicePort() {
		return this.servicePort;
	}

	@Override
	public int managementPort() {
		return this.managementPort;
	}

}
