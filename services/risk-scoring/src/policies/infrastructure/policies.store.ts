import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EntityManager, IsNull } from 'typeorm';
import { isDeepStrictEqual } from 'node:util';
import { defaultPolicy, defaultPolicySettings, RiskPolicy, RiskPolicySettings } from '../../scoring/domain';
import { RescoreJobEntity, RescoreReason } from './rescore-job.entity';
import { RiskPolicyEntity } from './risk-policy.entity';

/** A stored policy version with who made it and when. */
export interface PolicyVersionRecord {
  policy: RiskPolicy;
  createdBy: string;
  createdAt: Date | null;
}

/** Who made version 1: nobody, it is the seed study's defaults. */
const DEFAULTS_AUTHOR = 'defaults';

// Namespaces the per-programme advisory lock (two-key form), away from single-key locks elsewhere.
const POLICY_LOCK_CLASS = 1_733_100_300;

/**
 * Versioned policies per programme. A programme nobody configured runs on the defaults as version
 * 1; the defaults are written as version 1 when the first change is saved, so every version a
 * standing names can be read back.
 */
@Injectable()
export class PolicyStore {
  /** The policy in force for a programme. */
  async current(manager: EntityManager, program: string): Promise<RiskPolicy> {
    const latest = await this.latestStored(manager, program);
    return latest ? toPolicy(latest) : defaultPolicy(program);
  }

  /** One version of a programme's policy; null when it does not exist. */
  async version(manager: EntityManager, program: string, version: number): Promise<RiskPolicy | null> {
    const stored = await manager.findOneBy(RiskPolicyEntity, { program, version });
    if (stored) return toPolicy(stored);
    return version === 1 && !(await this.latestStored(manager, program)) ? defaultPolicy(program) : null;
  }

  /** Every version of a programme's policy, newest first. */
  async versions(manager: EntityManager, program: string): Promise<PolicyVersionRecord[]> {
    const stored = await manager.find(RiskPolicyEntity, { where: { program }, order: { version: 'DESC' } });
    if (stored.length === 0) return [{ policy: defaultPolicy(program), createdBy: DEFAULTS_AUTHOR, createdAt: null }];
    return stored.map((entity) => ({ policy: toPolicy(entity), createdBy: entity.createdBy, createdAt: entity.createdAt }));
  }

  /**
   * Saves settings as the programme's next version, unless they equal the version in force: a PUT
   * that changes nothing creates no version and re-scores nobody. Serialised per programme, so two
   * coordinators saving at once get consecutive versions.
   */
  async saveNextVersion(
    manager: EntityManager,
    program: string,
    settings: RiskPolicySettings,
    createdBy: string,
  ): Promise<{ policy: RiskPolicy; created: boolean }> {
    await manager.query('SELECT pg_advisory_xact_lock($1, hashtext($2))', [POLICY_LOCK_CLASS, program]);
    const latest = await this.latestStored(manager, program);
    const current = latest ? toPolicy(latest) : defaultPolicy(program);
    if (isDeepStrictEqual(settingsOf(current), settings)) return { policy: current, created: false };
    if (!latest) await manager.insert(RiskPolicyEntity, { program, version: 1, settings: defaultPolicySettings(), createdBy: DEFAULTS_AUTHOR });
    const version = current.version + 1;
    await manager.insert(RiskPolicyEntity, { program, version, settings, createdBy });
    return { policy: { program, version, ...settings }, created: true };
  }

  private latestStored(manager: EntityManager, program: string): Promise<RiskPolicyEntity | null> {
    return manager.findOne(RiskPolicyEntity, { where: { program }, order: { version: 'DESC' } });
  }
}

function toPolicy(entity: RiskPolicyEntity): RiskPolicy {
  return { program: entity.program, version: entity.version, ...entity.settings };
}

function settingsOf({ program: _program, version: _version, ...settings }: RiskPolicy): RiskPolicySettings {
  return settings;
}

export interface RescoreRequest {
  program: string;
  policyVersion: number;
  reason: RescoreReason;
  requestedBy: string;
  correlationId: string;
}

/** What one chunk of a job did; `lastStudentId` becomes the cursor. */
export interface ChunkProgress {
  lastStudentId: string | null;
  studentsAssessed: number;
  standingsChanged: number;
  finished: boolean;
}

/** The rows behind re-score jobs: queued by policy changes, worked through by the re-score worker. */
@Injectable()
export class RescoreJobStore {
  /**
   * Queues a re-score of the programme. An unfinished job of the same programme is superseded: the
   * new job assesses everyone under the newest policy anyway, and the old one would only announce
   * changes the new one reverts.
   */
  async enqueue(manager: EntityManager, request: RescoreRequest): Promise<RescoreJobEntity> {
    await manager.update(
      RescoreJobEntity,
      { program: request.program, finishedAt: IsNull() },
      { status: 'superseded', finishedAt: () => 'now()' },
    );
    const job = manager.create(RescoreJobEntity, {
      ...request,
      id: randomUUID(),
      status: 'pending',
      cursor: null,
      studentsAssessed: 0,
      standingsChanged: 0,
      createdAt: new Date(),
      startedAt: null,
      finishedAt: null,
    });
    await manager.insert(RescoreJobEntity, job);
    return job;
  }

  find(manager: EntityManager, id: string): Promise<RescoreJobEntity | null> {
    return manager.findOneBy(RescoreJobEntity, { id });
  }

  /**
   * Locks the oldest unfinished job that no other replica is working on, for the rest of the
   * caller's transaction. A replica that dies mid-chunk releases it with its connection.
   */
  claimNext(manager: EntityManager): Promise<RescoreJobEntity | null> {
    return manager
      .createQueryBuilder(RescoreJobEntity, 'job')
      .where('job.finishedAt IS NULL')
      .orderBy('job.createdAt', 'ASC')
      .limit(1)
      .setLock('pessimistic_write')
      .setOnLocked('skip_locked')
      .getOne();
  }

  /** Moves the cursor; must run in the transaction that wrote the chunk's standings and events. */
  async recordChunk(manager: EntityManager, job: RescoreJobEntity, progress: ChunkProgress): Promise<void> {
    await manager.query(
      `UPDATE rescore_jobs
       SET cursor = $2,
           students_assessed = students_assessed + $3,
           standings_changed = standings_changed + $4,
           status = CASE WHEN $5::boolean THEN 'done' ELSE 'running' END,
           started_at = COALESCE(started_at, now()),
           finished_at = CASE WHEN $5::boolean THEN now() END
       WHERE id = $1`,
      [job.id, progress.lastStudentId, progress.studentsAssessed, progress.standingsChanged, progress.finished],
    );
  }
}
