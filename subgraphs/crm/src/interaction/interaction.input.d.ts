import { InteractionChannel } from './interaction-channel.js';
export declare class LogInteractionInput {
    clientId: string;
    practiceId?: string | null;
    channel: InteractionChannel;
    summary: string;
    occurredAt?: Date | null;
}
//# sourceMappingURL=interaction.input.d.ts.map