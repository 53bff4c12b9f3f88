import { IsEmail, IsOptional, Length, Matches, MaxLength } from 'class-validator';
import { Field, InputType } from 'type-graphql';
import { PracticeStatus, PracticeType } from '../practice/practice.enums.js';
import { ClientStatus } from './client-status.js';

const E164 = /^\+[1-9]\d{6,14}$/;
const COUNTRY = /^[A-Z]{2}$/;
const PHONE_MESSAGE = 'must be an international number in E.164 form, for example +6281234567890';
const COUNTRY_MESSAGE = 'must be an ISO 3166-1 alpha-2 code in capitals, for example AU';

@InputType()
export class CreateClientInput {
  @Field(() => String)
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  fullName!: string;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(E164, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  nationality?: string | null;

  @Field(() => ClientStatus, { nullable: true })
  status?: ClientStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType({ description: 'Fields to change; an omitted field stays as it is, null clears an optional one.' })
export class UpdateClientInput {
  @Field(() => String, { nullable: true })
  @IsOptional()
  @Length(1, 200, { message: 'must be 1 to 200 characters' })
  @Matches(/\S/, { message: 'must not be blank' })
  fullName?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @IsEmail({}, { message: 'must be a valid email address' })
  @MaxLength(320)
  email?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(E164, { message: PHONE_MESSAGE })
  phone?: string | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  nationality?: string | null;

  @Field(() => ClientStatus, { nullable: true })
  status?: ClientStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @MaxLength(10_000)
  notes?: string | null;
}

@InputType({ description: 'Every given condition must hold.' })
export class ClientFilter {
  @Field(() => String, { nullable: true, description: 'Part of the name or email, any case.' })
  @IsOptional()
  @MaxLength(200)
  search?: string | null;

  @Field(() => ClientStatus, { nullable: true })
  status?: ClientStatus | null;

  @Field(() => String, { nullable: true })
  @IsOptional()
  @Matches(COUNTRY, { message: COUNTRY_MESSAGE })
  nationality?: string | null;

  @Field(() => PracticeType, { nullable: true, description: 'Clients with at least one practice of this type.' })
  practiceType?: PracticeType | null;

  @Field(() => PracticeStatus, { nullable: true, description: 'Clients with at least one practice in this status.' })
  practiceStatus?: PracticeStatus | null;
}
