import { InteractionChannel } from './interaction-channel.js';
export declare class Interaction {
    id: string;
    channel: InteractionChannel;
    summary: string;
    occurredAt: Date;
    createdAt: Date;
}
//# sourceMappingURL=interaction.type.d.ts.map