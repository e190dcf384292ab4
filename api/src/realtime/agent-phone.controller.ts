import { Controller, Get, Inject } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { AgentPhoneSchema, type AgentPhone } from '@callflow/schemas';
import { Auth, RequireRole, type AuthContext } from '../auth/auth-context';
import { ZodResponse } from '../http/zod-validation';
import { AgentPhoneSetupService } from './agent-phone-setup.service';

@ApiTags('directory')
@Controller('agents/me/phone')
@RequireRole('agent')
export class AgentPhoneController {
  constructor(@Inject(AgentPhoneSetupService) private readonly phones: AgentPhoneSetupService) {}

  /** How the console answers the signed-in agent's calls (with Telnyx WebRTC: the login token). */
  @Get()
  @ZodResponse(AgentPhoneSchema)
  phone(@Auth() caller: AuthContext): Promise<AgentPhone> {
    return this.phones.phone(caller);
  }
}
